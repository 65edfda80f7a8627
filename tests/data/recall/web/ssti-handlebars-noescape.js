const Handlebars = require('handlebars');
const fs = require('fs');

const src = fs.readFileSync('./templates/profile.hbs', 'utf8');
const template = Handlebars.compile(src, { noEscape: true });

module.exports = (req, res) => {
  res.send(template({ bio: req.body.bio }));
};
