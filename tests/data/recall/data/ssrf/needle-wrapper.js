const needle = require('needle');

function download(u) {
  return needle('get', u, { follow_max: 3 });
}

exports.proxy = async (req, res) => {
  const r = await download(req.body.link);
  res.send(r.body);
};
