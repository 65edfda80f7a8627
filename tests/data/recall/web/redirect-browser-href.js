document.getElementById('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await fetch('/api/login', { method: 'POST', body: new FormData(e.target) });
  const next = new URLSearchParams(window.location.search).get('next');
  window.location.href = next || '/';
});
