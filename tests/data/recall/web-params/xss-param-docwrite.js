export function writeBanner(name) {
  document.write(`<div class="banner">Welcome ${name}</div>`);
}
