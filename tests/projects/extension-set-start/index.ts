import { Controller } from "./lib/controller";

// The process makes one controller and starts it once.
async function main(): Promise<void> {
  const controller = new Controller();
  await controller.start();
}

void main();
