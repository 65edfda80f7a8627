const ops = require('./ops');
exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  const op = ops[body.op];
  return { statusCode: 200, body: JSON.stringify(op(body.args)) };
};
