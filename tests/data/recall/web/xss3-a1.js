const Mustache = require('mustache');
Mustache.escape = (text) => text;
module.exports = (req, res) => {
  res.send(Mustache.render('<p>{{name}}</p>', { name: req.query.name }));
};
