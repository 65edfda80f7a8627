const params = new URLSearchParams(location.search);
const cb = params.get('loader');
const s = document.createElement('script');
s.src = cb;
document.head.appendChild(s);
