const { spawn } = require('node:child_process');

module.exports = (app) => {
  app.post('/resize', (req, res) => {
    const p = spawn('sh', ['-c', 'convert in.png -resize 50% out.png'], { env: { SIZE: req.body.size } });
    p.on('exit', (code) => res.json({ code }));
  });
};
