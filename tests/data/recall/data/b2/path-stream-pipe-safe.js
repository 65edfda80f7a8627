const fs = require('fs');
const path = require('path');

exports.download = function (req, res) {
  fs.createReadStream(`${__dirname}/exports/${path.basename(req.query.file)}`).pipe(res);
};
