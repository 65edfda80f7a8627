const Order = require('../models/order');

exports.show = async (req, res) => {
  const order = await Order.findById(req.params.id);
  res.json(order);
};
