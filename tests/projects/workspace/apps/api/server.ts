import { put } from "@acme/cache";
import express from "express";

const app = express();

app.post("/items/:key", (req, res) => {
  put(req.params.key, req.body.value);
  res.sendStatus(204);
});
