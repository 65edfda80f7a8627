const Account = require('./account');
exports.register = async (ctx) => {
  const { email, name } = ctx.request.body;
  const account = new Account({ email, name, role: 'user' });
  await account.save();
  ctx.body = { id: account._id };
};
