const v8 = require('v8');

module.exports = (req, res) => {
  const buf = Buffer.from(req.body.state, 'base64');
  const state = v8.deserialize(buf);
  res.json({ size: Object.keys(state).length });
};
