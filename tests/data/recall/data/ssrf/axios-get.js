const axios = require('axios');
const express = require('express');
const app = express();

app.get('/preview', async (req, res) => {
  const { data } = await axios.get(req.query.url, { timeout: 3000 });
  res.json({ size: data.length });
});
