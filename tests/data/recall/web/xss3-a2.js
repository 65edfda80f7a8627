const nunjucks = require('nunjucks');
nunjucks.configure({ autoescape: false });
module.exports = (req, res) => {
  res.send(nunjucks.renderString('<p>{{ name }}</p>', { name: req.query.name }));
};
