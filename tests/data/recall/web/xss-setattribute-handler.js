const params = new URLSearchParams(location.search);
const action = params.get('onready');
const btn = document.getElementById('go');
btn.setAttribute('onclick', action);
