import DOMPurify from 'dompurify';

const params = new URLSearchParams(location.search);
const bio = params.get('bio') || '';
document.querySelector('#bio').innerHTML = DOMPurify.sanitize(bio);
