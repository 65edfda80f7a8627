const restify = require('restify');
const fs = require('fs');
const server = restify.createServer();

server.get('/logs/:file', (req, res, next) => {
  fs.readFile('/var/log/app/' + req.params.file, 'utf8', (err, data) => {
    res.send(data);
    next();
  });
});
