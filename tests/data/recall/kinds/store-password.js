document.querySelector('#login').addEventListener('submit', (e) => {
  const form = new FormData(e.target);
  localStorage.setItem('password', form.get('password'));
});
