const defaultsDeep = require('lodash.defaultsdeep');

exports.handler = async (event) => {
  const opts = defaultsDeep({}, JSON.parse(event.body), { retries: 3 });
  return { statusCode: 200, body: JSON.stringify(opts) };
};
