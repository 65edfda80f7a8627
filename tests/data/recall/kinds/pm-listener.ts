window.addEventListener('message', (event: MessageEvent) => {
  document.getElementById('status')!.textContent = event.data.status;
  localStorage.setItem('settings', JSON.stringify(event.data.settings));
});
