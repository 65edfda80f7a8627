const { VM } = require('vm2');

module.exports = async function runSnippet(req, res) {
  const vm = new VM({ timeout: 1000, sandbox: {} });
  const out = vm.run(req.body.source);
  res.json({ out: String(out) });
};
