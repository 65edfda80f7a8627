const User = require('../models/user');
const router = require('express').Router();
router.post('/signup', async (req, res) => {
  const user = await User.create(req.body);
  res.status(201).json({ id: user.id });
});
module.exports = router;
