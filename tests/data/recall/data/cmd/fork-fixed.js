const { fork } = require('child_process');
const path = require('path');

exports.runWorker = (req, res) => {
  const worker = fork(path.join(__dirname, 'workers', 'resize.js'), [String(req.body.size)]);
  worker.on('message', (m) => res.json(m));
};
