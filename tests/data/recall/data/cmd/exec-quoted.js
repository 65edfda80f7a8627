const { exec } = require('child_process');
const { quote } = require('shell-quote');

module.exports = (router) => {
  router.post('/backup', (req, res) => {
    exec('pg_dump ' + quote([req.body.db]), (e) => res.sendStatus(e ? 500 : 202));
  });
};
