const http = require('http');

http.createServer((req, res) => {
  const u = new URL(req.url, 'http://localhost');
  res.writeHead(302, { Location: u.searchParams.get('url') });
  res.end();
}).listen(8080);
