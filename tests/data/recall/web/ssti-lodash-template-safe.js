const _ = require('lodash');

const compiled = _.template('Hello <%- user %>!');

module.exports.render = async function render(ctx) {
  ctx.body = compiled({ user: ctx.request.body.user });
};
