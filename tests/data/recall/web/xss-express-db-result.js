const express = require('express');
const User = require('./models/user');
const app = express();

app.get('/users/:id', async (req, res) => {
  const id = parseInt(req.params.id, 10);
  const user = await User.findByPk(id);
  if (!user) return res.status(404).send('<p>No such user</p>');
  res.send(`<h1>Profile</h1><p>Member since ${user.createdAt.getFullYear()}</p>`);
});
