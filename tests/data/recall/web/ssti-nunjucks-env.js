const nunjucks = require('nunjucks');
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader('views'));

module.exports = (req, res) => {
  res.send(env.renderString(req.body.text, { user: 'x' }));
};
