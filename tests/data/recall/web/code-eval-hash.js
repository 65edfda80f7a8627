const state = window.location.hash.substring(1);
if (state) {
  const config = eval('(' + decodeURIComponent(state) + ')');
  applyConfig(config);
}
function applyConfig(c) { console.log(c); }
