const http = require('http');
const url = require('url');

http.createServer((req, res) => {
  const { query } = url.parse(req.url, true);
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end('<p>Welcome, ' + query.user + '</p>');
}).listen(8080);
