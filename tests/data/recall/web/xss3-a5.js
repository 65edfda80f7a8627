import showdown from 'showdown';
const converter = new showdown.Converter();
window.addEventListener('message', (e) => {
  document.getElementById('out').innerHTML = converter.makeHtml(e.data);
});
