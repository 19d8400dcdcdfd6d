import { fetch } from 'undici';

export class HttpTransport {
  constructor(private readonly baseUrl: string) {}

  async post(path: string, body: unknown): Promise<unknown> {
    // expect: LL008
    const response = await fetch(`${this.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) {
      throw new Error(`request failed with status ${response.status}`);
    }
    return response.json();
  }
}
