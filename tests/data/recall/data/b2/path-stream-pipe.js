const fs = require('fs');

exports.download = function (req, res) {
  fs.createReadStream(`${__dirname}/exports/${req.query.file}`).pipe(res);
};
