function safeNext(raw) {
  if (raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\')) {
    return raw;
  }
  return '/';
}

const next = new URLSearchParams(window.location.search).get('next');
window.location.assign(safeNext(next));
