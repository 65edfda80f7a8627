(function () {
  var params = new URLSearchParams(window.location.search);
  var q = params.get('q');
  if (q) {
    document.write('<p class="query">You searched for ' + q + '</p>');
  }
})();
