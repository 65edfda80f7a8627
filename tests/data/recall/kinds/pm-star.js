function sendToken(frame, token) {
  frame.contentWindow.postMessage({ token }, '*');
}
module.exports = sendToken;
