function renderComment(container, comment) {
  container.innerHTML = '<p class="comment">' + comment.text + '</p>';
}
module.exports = { renderComment };
