module.exports = (req, res) => {
  res.location(req.query.u).sendStatus(302);
};
