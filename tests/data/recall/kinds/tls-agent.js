const https = require('https');
const axios = require('axios');
const client = axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized: false }) });
module.exports = client;
