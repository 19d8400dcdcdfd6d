const express = require("express");
const { addPoints } = require("./dist/services/score-board");
const { remember } = require("@scores/cache");
// not the tsconfig's outDir: nothing maps it back to src/, so the link does not guess
const { countVisit } = require("./build/services/visits");

const app = express();

app.post("/scores/:player", (req, res) => {
  countVisit(req.path);
  remember(req.params.player, req.get("user-agent"));
  res.json({ total: addPoints(req.params.player, Number(req.body.points)) });
});

app.listen(3000);
