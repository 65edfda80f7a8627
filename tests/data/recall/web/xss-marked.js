import { marked } from 'marked';

const editor = document.getElementById('editor');
const preview = document.getElementById('preview');

window.addEventListener('message', (e) => {
  editor.value = e.data.markdown;
  preview.innerHTML = marked.parse(e.data.markdown);
});
