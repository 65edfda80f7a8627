const express = require('express');
const app = express();

app.get('/users/:id/edit/done', (req, res) => {
  res.redirect(`/users/${encodeURIComponent(req.params.id)}`);
});
