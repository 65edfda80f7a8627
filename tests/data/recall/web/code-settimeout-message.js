window.addEventListener('message', function (e) {
  var cmd = e.data.callback;
  setTimeout(cmd, 10);
});
