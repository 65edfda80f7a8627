function allowedCallback(url) {
  return url.startsWith('https://auth.example.com');
}
module.exports = allowedCallback;
