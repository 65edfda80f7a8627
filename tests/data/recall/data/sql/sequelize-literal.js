const { Op, literal } = require('sequelize');
const { Product } = require('./models');

async function list(req, res) {
  const products = await Product.findAll({
    where: { price: { [Op.gt]: literal(req.query.min) } },
  });
  res.json(products);
}
module.exports = { list };
