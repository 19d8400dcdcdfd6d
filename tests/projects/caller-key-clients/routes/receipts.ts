import { receiptStatus } from "../billing/store";

export default async function handler(req, res) {
  const status = await receiptStatus(req.body.receiptId, req.query.region);
  res.json({ status });
}
