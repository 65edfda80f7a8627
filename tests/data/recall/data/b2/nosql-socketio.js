const { Server } = require('socket.io');
const { MongoClient } = require('mongodb');
const io = new Server(3000);
const messages = new MongoClient(process.env.MONGO_URL).db('chat').collection('messages');

io.on('connection', (socket) => {
  socket.on('history', async (query) => {
    const rows = await messages.find(query).limit(100).toArray();
    socket.emit('history', rows);
  });
});
