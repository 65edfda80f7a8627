module.exports = function audit(req, res, next) {
  const agent = req.get('User-Agent');
  console.info(`request from ${agent}`);
  next();
};
