module.exports = function (app) {
  app.get('/export', function (req, res) {
    res.download('/var/exports/' + req.query.name);
  });
};
