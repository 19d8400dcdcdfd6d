import express from "express";

const app = express();
const auditModule = process.env.AUDIT_MODULE;

app.get("/users/:id", async (req, res) => {
  // loaded on first use, to keep start-up fast
  const { getUser } = await import("./services/users.js");
  (await import("./services/visits.js")).countVisit(req.path);
  // a computed specifier names no file: the link does not guess which
  const { record } = await import(auditModule);
  record(req.path);
  res.json(getUser(req.params.id));
});

app.listen(3000);
