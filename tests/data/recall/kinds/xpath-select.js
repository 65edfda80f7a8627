const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const express = require('express');
const app = express();
app.get('/user', (req, res) => {
  const doc = new DOMParser().parseFromString(usersXml, 'text/xml');
  const nodes = xpath.select("//user[name='" + req.query.name + "']/email/text()", doc);
  res.json(nodes.map(String));
});
