const shell = require('shelljs');

module.exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  const r = shell.exec(`git log --author=${body.author}`, { silent: true });
  return { statusCode: 200, body: r.stdout };
};
