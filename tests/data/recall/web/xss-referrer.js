document.addEventListener('DOMContentLoaded', () => {
  const banner = document.querySelector('.welcome');
  const from = document.referrer;
  if (from) {
    banner.insertAdjacentHTML('beforeend', `<span>Welcome back from ${from}</span>`);
  }
});
