const request = require('request');

module.exports = (app) => {
  app.post('/avatar-from-url', (req, res) => {
    request({ uri: req.body.avatarUrl, encoding: null }, (err, resp, buf) => {
      if (err) return res.sendStatus(502);
      res.type('png').send(buf);
    });
  });
};
