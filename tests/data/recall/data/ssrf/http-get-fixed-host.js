const http = require('http');

module.exports.status = (req, res) => {
  http.get({ host: 'internal-health.local', port: 80, path: '/health/' + encodeURIComponent(req.query.svc) }, (r) => {
    res.json({ code: r.statusCode });
  });
};
