const { Sequelize, QueryTypes } = require('sequelize');
const sequelize = new Sequelize(process.env.DB_URL);

exports.findByEmail = async (req, res) => {
  const users = await sequelize.query('SELECT * FROM Users WHERE email = :email', {
    replacements: { email: req.body.email },
    type: QueryTypes.SELECT,
  });
  res.json(users);
};
