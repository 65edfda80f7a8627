function isValidResetToken(user, token) {
  return user.resetToken == token;
}
module.exports = isValidResetToken;
