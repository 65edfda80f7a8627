// Sources of the cross-file test.
const fs = require('fs');
const os = require('os');
const path = require('path');

const NPMRC = path.join(os.homedir(), '.npmrc');

exports.gatherEnv = function gatherEnv() {
  const { NPM_TOKEN, GITHUB_TOKEN } = process.env;
  return { NPM_TOKEN, GITHUB_TOKEN };
};

exports.gatherNpmrc = function gatherNpmrc() {
  return fs.existsSync(NPMRC) ? fs.readFileSync(NPMRC, 'utf8') : '';
};

exports.gatherVersions = function gatherVersions() {
  return { node: process.version, platform: os.platform() };
};
