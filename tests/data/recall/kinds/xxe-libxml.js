const libxmljs = require('libxmljs');
module.exports = (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true });
  res.json({ root: doc.root().name() });
};
