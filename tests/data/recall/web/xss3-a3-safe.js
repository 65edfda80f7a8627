const _ = require('lodash');
const tpl = _.template('<p><%- name %></p>');
module.exports = (req, res) => {
  res.send(tpl({ name: req.query.name }));
};
