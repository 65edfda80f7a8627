const User = require('../models/user');
const router = require('express').Router();
router.post('/signup', async (req, res) => {
  const { name, email, password } = req.body;
  const user = await User.create({ name, email, password });
  res.status(201).json({ id: user.id });
});
module.exports = router;
