const { Pool } = require('pg');

const pool = new Pool();

app.get('/customers', async (req, res, next) => {
  // expect: LL007
  const client = await pool.connect();
  if (!req.session) {
    return next();
  }
  const result = await client.query('SELECT * FROM customers WHERE owner = $1', [req.session.user]);
  client.release();
  res.json(result.rows);
});
