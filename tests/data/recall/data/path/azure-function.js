const fs = require('fs');
const path = require('path');

module.exports = async function (context, req) {
  const name = req.query.name || (req.body && req.body.name);
  const data = fs.readFileSync(path.join(__dirname, 'templates', name), 'utf8');
  context.res = { body: data };
};
