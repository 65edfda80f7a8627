const { execSync } = require('child_process');
const CMD = 'git rev-parse HEAD';

exports.version = (req, res) => {
  const v = execSync(CMD).toString().trim();
  res.json({ version: v, asked: req.query.v });
};
