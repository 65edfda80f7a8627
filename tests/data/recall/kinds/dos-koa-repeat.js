module.exports = async (ctx) => {
  const width = parseInt(ctx.query.width, 10);
  ctx.body = ' '.repeat(width) + '|';
};
