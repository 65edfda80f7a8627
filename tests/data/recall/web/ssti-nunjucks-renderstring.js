const nunjucks = require('nunjucks');

exports.preview = (req, res) => {
  const out = nunjucks.renderString(req.body.snippet, { site: 'Example' });
  res.send(out);
};
