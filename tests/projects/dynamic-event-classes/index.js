import fs from "node:fs/promises";
import path from "node:path";
import { Client } from "chat-sdk";

// Each file in events/ is a class named after the event it handles; the loader
// cannot be followed statically (the module path and the event name are data).
async function main() {
  const client = new Client();
  const dir = path.join(import.meta.dirname, "events");
  for (const file of await fs.readdir(dir)) {
    const { default: EventClass } = await import(path.join(dir, file));
    const handler = new EventClass(client);
    client.on(file.replace(/\.js$/, ""), (...args) => handler.run(...args));
  }
  await client.login(process.env.TOKEN);
}

main();
