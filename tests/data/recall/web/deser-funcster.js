const funcster = require('funcster');

module.exports = function restore(req, res) {
  const job = funcster.deepDeserialize(JSON.parse(req.body.job));
  res.json({ name: job.name });
};
