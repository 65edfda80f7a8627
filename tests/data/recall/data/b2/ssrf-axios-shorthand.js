const axios = require('axios');

exports.webhook = async (req, res) => {
  const { url, event } = req.body;
  await axios.request({ url, method: 'POST', data: { event } });
  res.sendStatus(202);
};
