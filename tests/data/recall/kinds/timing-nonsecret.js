function sameUser(a, b) {
  return a.userId === b.userId;
}
module.exports = sameUser;
