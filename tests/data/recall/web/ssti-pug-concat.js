const pug = require('pug');

module.exports = function greet(req, res) {
  const name = req.query.name;
  const fn = pug.compile('p Hello ' + name);
  res.send(fn());
};
