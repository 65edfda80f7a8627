const state = window.location.hash.substring(1);
if (state) {
  const config = JSON.parse(decodeURIComponent(state));
  applyConfig(config);
}
function applyConfig(c) { console.log(c); }
