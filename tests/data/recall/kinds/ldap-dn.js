const ldap = require('ldapjs');
const client = ldap.createClient({ url: 'ldaps://ldap.example.com' });
module.exports = function login(req, res) {
  const dn = `uid=${req.body.user},ou=people,dc=example,dc=com`;
  client.bind(dn, req.body.password, (err) => res.sendStatus(err ? 401 : 200));
};
