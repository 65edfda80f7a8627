const https = require('https');
const ALLOWED_HOSTS = ['images.example.com', 'cdn.example.com'];

exports.fetchAvatar = (req, res) => {
  const u = new URL(req.body.imageUrl);
  if (!ALLOWED_HOSTS.includes(u.hostname)) return res.sendStatus(400);
  https.get(u, (r) => r.pipe(res));
};
