import { Broker } from "./broker";

// Each subscription asks for the channel: the getter runs per message.
export function subscribe(name: string) {
  process.on("message", async (msg: any) => {
    if (msg.topic !== name) return;
    const channel = await Broker.getChannel();
    channel.publish(name, msg.body);
  });
}
