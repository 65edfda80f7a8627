import React from 'react';
export function Link() {
  const url = new URLSearchParams(window.location.search).get('u');
  return React.createElement('a', { href: url }, 'go');
}
