const ActiveDirectory = require('activedirectory2');
const ad = new ActiveDirectory(config);
module.exports = (req, res) => {
  ad.findUser(req.query.name, (err, user) => res.json(user || {}));
};
