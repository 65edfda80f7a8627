module.exports = function (req, res) {
  res.redirect('https://shop.example.com/' + req.query.path);
};
