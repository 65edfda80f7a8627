const nunjucks = require('nunjucks');

nunjucks.configure({ autoescape: true });

exports.preview = (req, res) => {
  const out = nunjucks.renderString('Hello {{ name }}', { name: req.body.name });
  res.send(out);
};
