const _ = require('lodash');

exports.build = (req, res) => {
  const obj = _.zipObjectDeep(req.body.paths, req.body.values);
  res.json(obj);
};
