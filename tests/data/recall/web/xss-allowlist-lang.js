const express = require('express');
const app = express();
const LANGS = ['en', 'fr', 'de'];

app.get('/', (req, res) => {
  const lang = LANGS.includes(req.query.lang) ? req.query.lang : 'en';
  res.send(`<!doctype html><html lang="${lang}"><body>Hello</body></html>`);
});
