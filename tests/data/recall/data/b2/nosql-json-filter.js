const Order = require('../models/order');

exports.search = async (req, res) => {
  const orders = await Order.find(JSON.parse(req.query.filter)).lean();
  res.json(orders);
};
