module.exports = async (ctx) => {
  ctx.cookies.set('token', await issueToken(ctx.request.body), { httpOnly: false });
  ctx.status = 204;
};
