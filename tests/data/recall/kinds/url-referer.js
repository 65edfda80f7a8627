module.exports = function csrfCheck(req, res, next) {
  const referer = req.headers.referer || '';
  if (referer.indexOf('https://bank.example.com') === 0) return next();
  res.status(403).end();
};
