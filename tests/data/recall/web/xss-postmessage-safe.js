const container = document.getElementById('widget');
const TRUSTED = 'https://app.example.com';

window.addEventListener('message', (event) => {
  if (event.origin !== TRUSTED) return;
  const { type, text } = event.data || {};
  if (type === 'render') {
    container.textContent = text;
  }
});
