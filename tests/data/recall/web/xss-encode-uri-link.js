const q = new URLSearchParams(location.search).get('q') || '';
const link = document.getElementById('more');
link.innerHTML = '<a href="/search?q=' + encodeURIComponent(q) + '">More results</a>';
