const yaml = require('js-yaml');
const express = require('express');
const app = express();
app.use(express.text({ type: 'application/x-yaml' }));

app.post('/import', (req, res) => {
  const doc = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json({ keys: Object.keys(doc || {}) });
});
