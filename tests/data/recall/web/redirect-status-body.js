module.exports = (req, res) => {
  res.redirect(301, req.body.url);
};
