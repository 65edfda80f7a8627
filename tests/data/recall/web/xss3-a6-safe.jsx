import React from 'react';
export function Link() {
  const id = new URLSearchParams(window.location.search).get('id');
  return React.createElement('a', { href: `/items/${encodeURIComponent(id)}` }, 'go');
}
