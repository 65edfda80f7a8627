module.exports = (req, res) => {
  res.redirect(303, '/done');
};
