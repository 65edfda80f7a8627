const axios = require('axios');
const express = require('express');
const app = express();

app.get('/preview', async (req, res) => {
  const { data } = await axios.get(`https://api.example.com/v1/items/${encodeURIComponent(req.query.id)}`, { timeout: 3000 });
  res.json(data);
});
