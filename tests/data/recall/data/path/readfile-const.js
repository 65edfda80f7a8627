const fs = require('fs');
const path = require('path');
const CONFIG = path.join(__dirname, 'config.json');

exports.config = (req, res) => {
  const cfg = JSON.parse(fs.readFileSync(CONFIG, 'utf8'));
  res.json({ ...cfg, requested: req.query.section });
};
