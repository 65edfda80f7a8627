const express = require('express');
const app = express();
app.get('/users/:id', async (req, res) => {
  try {
    res.json(await loadUser(req.params.id));
  } catch (err) {
    res.status(500).send(err.stack);
  }
});
