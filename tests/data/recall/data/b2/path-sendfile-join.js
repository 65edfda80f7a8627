const path = require('path');

module.exports = (router) => {
  router.get('/files/*', (req, res) => {
    res.sendFile(path.join(__dirname, '..', 'public', req.params[0]));
  });
};
