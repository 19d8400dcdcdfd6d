const mysql = require('mysql');

const pool = mysql.createPool({
  connectionLimit: 10,
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

// Registered once, when the pool is created.
pool.on('enqueue', function () {
  console.log('Waiting for available connection slot');
});

function query(sql, params) {
  return new Promise((resolve, reject) => {
    pool.query(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)));
  });
}

module.exports = { query };
