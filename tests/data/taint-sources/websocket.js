// Tests for the websocket source set: ws messages and socket.io events.
const { exec } = require('child_process');
const WebSocket = require('ws');
const { Server } = require('socket.io');

const wss = new WebSocket.Server({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    // ruleid: test.sources.websocket
    exec('echo ' + data);
  });
  ws.on('close', (code, reason) => {
    // ok: test.sources.websocket
    exec('echo ' + code + reason);
  });
});

const io = new Server(3000);
io.on('connection', (socket) => {
  socket.on('chat', (msg) => {
    // ruleid: test.sources.websocket
    exec('echo ' + msg.text);
  });
  socket.on('run', function (payload, ack) {
    // ruleid: test.sources.websocket
    exec(payload.script);
    ack();
  });
  socket.on('resize', ({ size }) => {
    // ruleid: test.sources.websocket
    exec('convert -resize ' + size);
    // ok: test.sources.websocket
    exec('convert -resize ' + Number(size));
  });
  socket.on('disconnect', (reason) => {
    // The socket's own events carry no client data.
    // ok: test.sources.websocket
    exec('echo ' + reason);
  });
  socket.on('error', (err) => {
    // ok: test.sources.websocket
    exec('echo ' + err.message);
  });
});

// Not a socket of a connection: an emitter of the app.
const bus = new (require('events'))();
bus.on('job', (job) => {
  // ok: test.sources.websocket
  exec('echo ' + job.name);
});
