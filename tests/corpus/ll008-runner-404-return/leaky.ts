export class RunnerClient {
  constructor(private readonly base: string) {}

  async readFile(sessionId: string, path: string, signal?: AbortSignal): Promise<Uint8Array | null> {
    const url = `${this.base}/sessions/${sessionId}/files?path=${encodeURIComponent(path)}`;
    // expect: LL008
    const response = await fetch(url, { signal });
    if (response.status === 404) return null;
    return new Uint8Array(await response.arrayBuffer());
  }
}
