const userDao = require('../db/userDao');

async function login(req, res) {
  const user = await userDao.findByCredentials(req.body.username, req.body.password);
  if (!user) return res.status(401).render('login', { error: 'Invalid' });
  req.session.userId = user.id;
  res.redirect('/dashboard');
}

async function profile(req, res) {
  const user = await userDao.findById(req.params.id);
  res.render('profile', { user });
}
module.exports = { login, profile };
