const xpath = require('xpath');
module.exports = async (ctx) => {
  const user = ctx.query.user;
  ctx.body = xpath.select(`//account[owner="${user}"]/balance`, ledgerDoc).toString();
};
