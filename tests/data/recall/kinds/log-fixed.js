module.exports = function audit(req, res, next) {
  console.info('request received at', new Date().toISOString());
  next();
};
