const ldap = require('ldapjs');
const { filter: ldapFilter } = require('ldap-escape');
const client = ldap.createClient({ url: 'ldaps://ldap.example.com' });
const express = require('express');
const app = express();
app.get('/lookup', (req, res) => {
  const opts = { filter: ldapFilter`(uid=${req.query.user})`, scope: 'sub' };
  client.search('ou=people,dc=example,dc=com', opts, (err, r) => res.json({ ok: !err }));
});
