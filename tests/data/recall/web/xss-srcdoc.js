const frame = document.createElement('iframe');
document.body.appendChild(frame);

onmessage = function (e) {
  frame.srcdoc = e.data.preview;
};
