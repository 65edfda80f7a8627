const ejs = require('ejs');
module.exports = function renderWelcome(data) {
  return ejs.renderFile(__dirname + '/welcome.ejs', data);
};
