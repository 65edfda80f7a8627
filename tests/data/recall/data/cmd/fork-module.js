const { fork } = require('child_process');
const path = require('path');

exports.runWorker = (req, res) => {
  const worker = fork(req.body.worker);
  worker.on('message', (m) => res.json(m));
};
