const u = new URLSearchParams(document.location.search).get('u');
if (u) {
  window.location = u;
}
