// The base every extension extends: the controller starts and stops each through this type.
export default abstract class Extension {
  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}
