const wkhtmltopdf = require('wkhtmltopdf');
const express = require('express');
const app = express();

app.get('/pdf', (req, res) => {
  res.type('application/pdf');
  wkhtmltopdf(req.query.page, { pageSize: 'A4' }).pipe(res);
});
