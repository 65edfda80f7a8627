const pug = require('pug');
const path = require('path');

const greetTpl = pug.compileFile(path.join(__dirname, 'views', 'greet.pug'));

module.exports = function greet(req, res) {
  res.send(greetTpl({ name: req.query.name }));
};
