export function goTo(url) {
  window.location.href = url;
}
