if (window.name) {
  var handler = new Function(window.name);
  handler();
}
