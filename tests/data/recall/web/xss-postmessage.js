const container = document.getElementById('widget');

window.addEventListener('message', (event) => {
  const { type, html } = event.data || {};
  if (type === 'render') {
    container.innerHTML = html;
  }
});
