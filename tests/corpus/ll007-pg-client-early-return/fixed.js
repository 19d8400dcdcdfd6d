const { Pool } = require('pg');

const pool = new Pool();

app.get('/customers', async (req, res, next) => {
  if (!req.session) {
    return next();
  }
  const client = await pool.connect();
  try {
    const result = await client.query('SELECT * FROM customers WHERE owner = $1', [req.session.user]);
    res.json(result.rows);
  } finally {
    client.release();
  }
});
