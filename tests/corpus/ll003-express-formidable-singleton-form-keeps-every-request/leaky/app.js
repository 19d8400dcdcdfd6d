const express = require('express');
const formidable = require('./lib/middleware');

var app = express();

app.use(formidable());

app.post('/upload', (req, res) => {
  res.json({ fields: req.fields, files: Object.keys(req.files) });
});

app.listen(3000);
