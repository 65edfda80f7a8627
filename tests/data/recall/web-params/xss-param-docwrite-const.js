const YEAR = new Date().getFullYear();
export function writeFooter() {
  document.write('<footer>&copy; Example</footer>');
  document.getElementById('year').textContent = String(YEAR);
}
