const doT = require('dot');

exports.render = (req, res) => {
  const fn = doT.template(req.body.tpl);
  res.send(fn({}));
};
