function sendToken(frame, token) {
  frame.contentWindow.postMessage({ token }, 'https://widgets.example.com');
}
module.exports = sendToken;
