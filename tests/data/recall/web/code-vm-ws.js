const vm = require('vm');
const WebSocket = require('ws');

const wss = new WebSocket.Server({ port: 8081 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const script = new vm.Script(data.toString());
    ws.send(String(script.runInThisContext()));
  });
});
