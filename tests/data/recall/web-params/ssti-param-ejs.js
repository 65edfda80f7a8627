const ejs = require('ejs');
module.exports = function renderTemplate(template, data) {
  return ejs.render(template, data);
};
