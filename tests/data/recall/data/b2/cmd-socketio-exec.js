const { Server } = require('socket.io');
const { exec } = require('child_process');
const io = new Server(3001);

io.on('connection', (client) => {
  client.on('run', (payload) => {
    exec('npm run ' + payload.script, (e, out) => client.emit('done', out));
  });
});
