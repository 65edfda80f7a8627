const https = require('https');
https.get({ host: 'internal.example.com', path: '/health', rejectUnauthorized: false }, (r) => r.resume());
