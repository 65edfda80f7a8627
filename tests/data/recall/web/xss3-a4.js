const { marked } = require('marked');
module.exports = (req, res) => {
  res.send(marked.parse(req.body.md));
};
