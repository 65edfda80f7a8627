const ejs = require('ejs');
const fs = require('fs');

module.exports = (req, res) => {
  const raw = fs.readFileSync(__dirname + '/card.ejs', 'utf8');
  const tpl = raw.replace('{{TITLE}}', req.query.title);
  res.send(ejs.render(tpl, {}));
};
