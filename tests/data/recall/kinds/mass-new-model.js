const Account = require('./account');
exports.register = async (ctx) => {
  const data = ctx.request.body;
  const account = new Account(data);
  await account.save();
  ctx.body = { id: account._id };
};
