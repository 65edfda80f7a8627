const net = require('net');

exports.probe = (req, res) => {
  const sock = net.connect(Number(req.query.port), req.query.host, () => {
    sock.end();
    res.json({ open: true });
  });
  sock.on('error', () => res.json({ open: false }));
};
