module.exports = async function handler(req, res) {
  const { count } = req.body;
  const line = '-'.repeat(count);
  res.end(line);
};
