const util = require('util');

module.exports = function notFound(req, res) {
  res.status(404).send(util.format('<p>Cannot find %s</p>', req.originalUrl));
};
