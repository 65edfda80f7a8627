window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== 'https://app.example.com') return;
  localStorage.setItem('settings', JSON.stringify(event.data.settings));
});
