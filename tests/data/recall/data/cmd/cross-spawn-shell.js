const spawn = require('cross-spawn');
const WebSocket = require('ws');
const wss = new WebSocket.Server({ port: 8081 });

wss.on('connection', (socket) => {
  socket.on('message', (msg) => {
    const job = JSON.parse(msg);
    spawn.sync('npm', ['run', job.script], { shell: true, stdio: 'inherit' });
  });
});
