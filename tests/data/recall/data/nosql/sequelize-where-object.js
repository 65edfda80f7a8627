const { User } = require('../models');

exports.show = async (req, res) => {
  const user = await User.findOne({ where: { username: req.params.name } });
  res.json(user);
};
