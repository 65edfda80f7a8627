const cp = require('child_process');

exports.convert = (req, res) => {
  const child = cp.spawn('convert', [req.body.input, 'out.png']);
  child.on('close', (code) => res.json({ code }));
};
