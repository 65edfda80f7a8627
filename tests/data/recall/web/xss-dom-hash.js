function showTab() {
  const tab = decodeURIComponent(window.location.hash.slice(1));
  const out = document.getElementById('tab-title');
  out.innerHTML = '<strong>' + tab + '</strong>';
}
window.addEventListener('hashchange', showTab);
showTab();
