module.exports = async function plugin(req, res) {
  const mod = await import(`./plugins/${req.params.name}.js`);
  res.json(await mod.default(req.body));
};
