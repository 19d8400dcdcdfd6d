export class PruneApi {
  private pruneTimer?: ReturnType<typeof setInterval>
  private devices = new Map<string, number>()

  async start() {
    this.pruneTimer = setInterval(() => this.devices.clear(), 60000)
  }
}

export function startApis(app: any) {
  const pruneApi = new PruneApi()
  app.pruneApi = pruneApi
  pruneApi.start()
}
