const axios = require('axios');
const { Webhook } = require('./models');

exports.fire = async (req, res) => {
  const hook = await Webhook.findByPk(Number(req.params.id));
  await axios.post(hook.url, { event: req.body.event });
  res.sendStatus(202);
};
