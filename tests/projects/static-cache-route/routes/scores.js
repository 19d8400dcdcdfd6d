const express = require("express");
const { ScoreBoard } = require("../services/score-board");

const router = express.Router();

router.get("/scores/:player", (req, res) => {
    const board = ScoreBoard.forPlayer(req.params.player);
    res.json({ points: board.points });
});

module.exports = router;
