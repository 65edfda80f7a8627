import { marked } from 'marked';
import DOMPurify from 'dompurify';

const preview = document.getElementById('preview');

window.addEventListener('message', (e) => {
  preview.innerHTML = DOMPurify.sanitize(marked.parse(e.data.markdown));
});
