export function goHome() {
  window.location.href = '/';
}
