import { httpProxy } from "./http";

export default async function handler(req, res) {
  const [status, body] = await httpProxy(req.query.url);
  res.status(status).send(body);
}
