const extend = require('extend');
const defaults = { ui: { theme: 'light' } };

exports.prefs = (req, res) => {
  const prefs = extend({}, defaults, { theme: req.body.theme });
  res.json(prefs);
};
