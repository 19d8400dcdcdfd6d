import { fetch } from 'undici';

export class HttpTransport {
  constructor(private readonly baseUrl: string) {}

  async post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`request failed with status ${response.status}`);
    }
    return response.json();
  }
}
