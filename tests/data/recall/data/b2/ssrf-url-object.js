const https = require('https');

exports.fetchAvatar = (req, res) => {
  const u = new URL(req.body.imageUrl);
  https.get(u, (r) => r.pipe(res));
};
