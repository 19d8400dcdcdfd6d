import * as http from 'http';

export function ping(host: { hostname: string; port: number }, agent: http.Agent, timeout: number) {
  return new Promise<{ online: boolean; version: string }>((resolve) => {
    const req = http.request({ ...host, path: '/ping', agent, timeout }, (res) => {
      res.resume();
      resolve({ online: res.statusCode! < 300, version: String(res.headers['x-influxdb-version']) });
    });
    req.on('timeout', () => req.destroy());
    req.end();
  });
}
