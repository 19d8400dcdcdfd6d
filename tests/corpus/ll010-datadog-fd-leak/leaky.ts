import * as http from 'http';

export function post(url: URL, body: string): Promise<{ success: boolean; statusCode?: number }> {
  return new Promise((resolve) => {
    // expect: LL010
    const request = http.request(url, { method: 'POST' }, (response) => {
      const statusCode = response.statusCode;
      resolve({ success: statusCode !== undefined && statusCode < 300, statusCode });
    });
    request.on('error', () => resolve({ success: false }));
    request.end(body);
  });
}
