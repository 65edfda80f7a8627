const handlers = { join, leave, say };
io.on('connection', (socket) => {
  socket.on('command', (msg) => {
    handlers[msg.name].call(null, socket, msg.payload);
  });
});
