const configPath = process.env.APP_CONFIG || './config/default.json';
const config = require(configPath);

module.exports = config;
