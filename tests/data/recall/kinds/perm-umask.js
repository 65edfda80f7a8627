const { spawn } = require('child_process');
process.umask(0);
spawn('node', ['worker.js'], { stdio: 'inherit' });
