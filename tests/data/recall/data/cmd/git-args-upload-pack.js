const { spawnSync } = require('child_process');

exports.lsRemote = (req, res) => {
  const r = spawnSync('git', ['ls-remote', req.query.remote], { cwd: '/srv/repo' });
  res.type('text/plain').send(r.stdout);
};
