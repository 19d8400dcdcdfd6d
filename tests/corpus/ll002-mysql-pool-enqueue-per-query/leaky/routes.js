const express = require('express');
const db = require('./db');

const router = express.Router();

router.get('/products/:id', async (req, res, next) => {
  try {
    const rows = await db.query('SELECT * FROM products WHERE id = ?', [req.params.id]);
    res.json(rows[0] || null);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
