module.exports = function checkApiKey(req, res, next) {
  if (req.get('x-api-key') !== process.env.API_KEY) return res.sendStatus(401);
  next();
};
