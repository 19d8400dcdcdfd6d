const express = require('express');
const lookups = require('../lib/lookups');

const router = express.Router();

router.get('/stops/:id', async (req, res) => {
  res.json(await lookups.stop(req.params.id));
});

router.get('/vehicles/:id', async (req, res) => {
  res.json(await lookups.vehicle(req.params.id));
});

module.exports = router;
