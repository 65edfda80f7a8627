const html = new URLSearchParams(location.search).get('h');
const doc = new DOMParser().parseFromString(html, 'text/html');
document.body.appendChild(doc.body.firstChild);
