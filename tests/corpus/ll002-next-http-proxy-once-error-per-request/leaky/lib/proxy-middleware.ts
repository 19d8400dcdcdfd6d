import { NextApiRequest, NextApiResponse } from 'next';
import httpProxy, { ServerOptions } from 'http-proxy';

const hasRequestBodyMethods = ['HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'PATCH'];

const proxy: httpProxy = httpProxy.createProxy();

const httpProxyMiddleware = async (
  req: NextApiRequest,
  res: NextApiResponse,
  options: ServerOptions = {},
): Promise<unknown> =>
  new Promise((resolve, reject) => {
    if (hasRequestBodyMethods.indexOf(req.method as string) >= 0 && typeof req.body === 'object') {
      req.body = JSON.stringify(req.body);
    }
    proxy.once('proxyReq', (proxyReq: any, incoming: any) => {
      if (typeof incoming.body === 'string') {
        proxyReq.write(incoming.body);
        proxyReq.end();
      }
    });
    proxy.once('proxyRes', resolve);
    // expect: LL002
    proxy.once('error', reject);
    proxy.web(req, res, { changeOrigin: true, ...options });
  });

export default httpProxyMiddleware;
