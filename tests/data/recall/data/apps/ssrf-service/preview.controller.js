const previewService = require('./preview.service');

exports.create = async (req, res) => {
  const card = await previewService.fetchCard(req.body.url);
  res.json(card);
};
