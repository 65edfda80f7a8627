const http = require('express');
const app = http();

function page(title, body) {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

app.get('/article/:slug', function (req, res) {
  const slug = req.params.slug;
  res.write(page('Article', '<p>Not found: ' + slug + '</p>'));
  res.end();
});
