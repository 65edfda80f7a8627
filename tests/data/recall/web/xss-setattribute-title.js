const params = new URLSearchParams(location.search);
const label = params.get('label');
const btn = document.getElementById('go');
btn.setAttribute('title', label);
btn.textContent = label;
