const { spawnSync } = require('child_process');

exports.show = (req, res) => {
  const r = spawnSync('git', ['log', '--oneline', '--', req.query.file], { cwd: '/srv/repo' });
  res.type('text/plain').send(r.stdout);
};
