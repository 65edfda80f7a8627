const extend = require('extend');
const defaults = { ui: { theme: 'light' } };

exports.prefs = (req, res) => {
  const prefs = extend(true, {}, defaults, req.body);
  res.json(prefs);
};
