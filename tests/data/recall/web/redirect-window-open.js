const params = new URLSearchParams(location.search);
document.querySelector('#share').addEventListener('click', () => {
  window.open(params.get('share_url'), '_blank');
});
