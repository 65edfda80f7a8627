const shapes = require('./shapes');
exports.handler = async (event) => {
  const { type, size } = JSON.parse(event.body);
  const Shape = shapes[type];
  const s = new Shape(size);
  return { statusCode: 200, body: JSON.stringify(s.area()) };
};
