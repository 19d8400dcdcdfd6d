const mysql = require('mysql');

const pool = mysql.createPool({
  connectionLimit: 10,
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

function query(sql, params) {
  // expect: LL002
  pool.on('enqueue', function () {
    console.log('Waiting for available connection slot');
  });
  return new Promise((resolve, reject) => {
    pool.query(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)));
  });
}

module.exports = { query };
