// Tests for query-injection.yaml.
const xpath = require('xpath');
const { select1 } = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const ldap = require('ldapjs');
const { filter: ldapFilter, dn: ldapDn } = require('ldap-escape');
const express = require('express');
const app = express();
const client = ldap.createClient({ url: 'ldaps://ldap.example.com' });

app.get('/user', (req, res) => {
  const doc = new DOMParser().parseFromString(usersXml, 'text/xml');
  // ruleid: js.taint.xpath-injection
  const nodes = xpath.select("//user[name='" + req.query.name + "']/email/text()", doc);
  const expr = `//book[@id='${req.query.id}']`;
  // ruleid: js.taint.xpath-injection
  const r = xpath.evaluate(expr, doc, null, xpath.XPathResult.ANY_TYPE, null);
  // ruleid: js.taint.xpath-injection
  const one = select1(`//item[@sku="${req.body.sku}"]`, doc);
  // ok: js.taint.xpath-injection
  const fixed = xpath.select('//user[name=$name]/email/text()', doc);
  // ok: js.taint.xpath-injection
  const num = xpath.select(`//book[@id='${parseInt(req.query.id, 10)}']`, doc);
  // ok: js.taint.xpath-injection
  const other = xpath.select(`//book`, req.query.doc);
  res.json([nodes, r, one, fixed, num, other]);
});

app.get('/lookup', (req, res) => {
  const opts = { filter: '(uid=' + req.query.user + ')', scope: 'sub' };
  // ruleid: js.taint.ldap-injection
  client.search('ou=people,dc=example,dc=com', opts, (err) => res.json({ ok: !err }));
  // ruleid: js.taint.ldap-injection
  client.search('dc=example,dc=com', { scope: 'sub', filter: `(mail=${req.query.mail})` }, () => {});
  // ruleid: js.taint.ldap-injection
  client.bind(`uid=${req.body.user},ou=people,dc=example,dc=com`, req.body.password, () => {});
  // ruleid: js.taint.ldap-injection
  const f = ldap.parseFilter(`(cn=${req.query.cn})`);

  // ok: js.taint.ldap-injection
  client.search('ou=people,dc=example,dc=com', { filter: ldapFilter`(uid=${req.query.user})` }, () => {});
  // ok: js.taint.ldap-injection
  client.bind(ldapDn`uid=${req.body.user},ou=people,dc=example,dc=com`, req.body.password, () => {});
  // ok: js.taint.ldap-injection
  client.search('ou=people,dc=example,dc=com', { filter: '(objectClass=person)' }, () => {});
  // ok: js.taint.ldap-injection
  const bound = handler.bind(null, req.query.user);
  res.json([f, bound]);
});
