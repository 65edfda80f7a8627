function renderComment(container, comment) {
  const p = document.createElement('p');
  p.className = 'comment';
  p.textContent = comment.text;
  container.appendChild(p);
}
module.exports = { renderComment };
