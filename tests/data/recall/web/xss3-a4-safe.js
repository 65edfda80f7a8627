const { marked } = require('marked');
const createDOMPurify = require('dompurify');
const { JSDOM } = require('jsdom');
const DOMPurify = createDOMPurify(new JSDOM('').window);
module.exports = (req, res) => {
  res.send(DOMPurify.sanitize(marked.parse(req.body.md)));
};
