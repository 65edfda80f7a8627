document.querySelector('#theme').addEventListener('change', (e) => {
  localStorage.setItem('theme', e.target.value);
});
