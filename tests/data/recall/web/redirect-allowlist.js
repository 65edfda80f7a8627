const ALLOWED = ['/home', '/settings', '/billing'];

module.exports = function afterLogin(req, res) {
  const next = req.query.next;
  if (ALLOWED.includes(next)) {
    return res.redirect(next);
  }
  return res.redirect('/home');
};
