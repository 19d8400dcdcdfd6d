import { NextApiRequest, NextApiResponse } from 'next';
import httpProxyMiddleware from '../../lib/proxy-middleware';

export const config = { api: { externalResolver: true } };

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  return httpProxyMiddleware(req, res, { target: process.env.API_ORIGIN });
}
