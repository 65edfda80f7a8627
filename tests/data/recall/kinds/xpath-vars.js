const xpath = require('xpath');
const express = require('express');
const app = express();
app.get('/user', (req, res) => {
  const nodes = xpath.select("//user[name=$name]/email/text()", doc);
  const select = xpath.useNamespaces({});
  const hits = xpath.evaluate('//user[name=$n]', doc, null, xpath.XPathResult.ANY_TYPE, null);
  res.json(nodes.length + select.length + hits.numberValue);
});
