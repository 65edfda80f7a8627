const http = require('http');

module.exports.status = (req, res) => {
  http.get({ host: req.query.host, port: 80, path: '/health' }, (r) => {
    res.json({ code: r.statusCode });
  });
};
