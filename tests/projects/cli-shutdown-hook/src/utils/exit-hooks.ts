// Runs cleanup callbacks when the CLI is interrupted.
export default class ExitHooks {
  timers: NodeJS.Timeout[] = []

  constructor() {
    this.onExit(() => {
      this.timers.forEach((timer) => clearInterval(timer))
    })
  }

  onExit(callback: () => Promise<void> | void) {
    process.on("SIGTERM", () => callback())
    process.on("SIGINT", () => callback())
  }

  track(timer: NodeJS.Timeout) {
    this.timers.push(timer)
  }
}
