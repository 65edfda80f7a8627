const libxmljs = require('libxmljs');
module.exports = (req, res) => {
  const doc = libxmljs.parseXml(req.body);
  res.json({ root: doc.root().name() });
};
