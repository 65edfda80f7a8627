window.addEventListener('message', (event) => {
  const { hostname } = new URL(event.origin);
  if (!hostname.endsWith('example.org')) return;
  applySettings(event.data);
});
