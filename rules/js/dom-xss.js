// Tests for dom-xss.yaml.
const sanitizeHtml = require('sanitize-html');
const escapeHtml = require('escape-html');
const GREETING = '<b>hi</b>';

function cases(el, name, frame) {
  // ruleid: js.xss.html-sink-non-literal
  el.innerHTML = '<p>' + name + '</p>';
  // ruleid: js.xss.html-sink-non-literal
  document.body.outerHTML = `<div>${name}</div>`;
  // ruleid: js.xss.html-sink-non-literal
  frame.srcdoc = name;
  // ruleid: js.xss.html-sink-non-literal
  el.innerHTML += name;
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = '<p>static</p>';
  // ok: js.xss.html-sink-non-literal
  el.textContent = name;
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = GREETING;
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = DOMPurify.sanitize(name);
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = sanitizeHtml(name, { allowedTags: ['b', 'i'] });
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = escapeHtml(name);
  // ok: js.xss.html-sink-non-literal
  el.insertAdjacentHTML('beforeend', sanitizeHtml(name));
  // An escaper around part of the markup leaves the rest built at run time.
  // ruleid: js.xss.html-sink-non-literal
  el.innerHTML = escapeHtml(name) + frame.title;
  // ruleid: js.xss.insert-adjacent-html
  el.insertAdjacentHTML('beforeend', '<p>' + sanitizeHtml(name) + frame.title);

  // ruleid: js.xss.insert-adjacent-html
  el.insertAdjacentHTML('beforeend', name);
  // ruleid: js.xss.insert-adjacent-html
  document.write('<script src="' + name + '"></script>');
  // ok: js.xss.insert-adjacent-html
  el.insertAdjacentHTML('beforeend', '<hr>');
  // ok: js.xss.insert-adjacent-html
  el.insertAdjacentText('beforeend', name);
  // ok: js.xss.insert-adjacent-html
  document.write("<p>static</p>");
  // ruleid: js.xss.insert-adjacent-html
  document.writeln(`<p>${name}</p>`);
  // ruleid: js.xss.insert-adjacent-html
  frame.contentDocument.body.insertAdjacentHTML('afterbegin', '<i>' + name + '</i>');
  // ok: js.xss.insert-adjacent-html
  el.insertAdjacentHTML('beforeend', DOMPurify.sanitize(name));
}

module.exports = cases;

function sanitisedFirst(el, name, q) {
  const clean = DOMPurify.sanitize(name);
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = clean;
  const safe = require('sanitize-html')(name);
  // ok: js.xss.html-sink-non-literal
  el.outerHTML = safe;
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = '<a href="/search?q=' + encodeURIComponent(q) + '">more</a>';
  // ok: js.xss.html-sink-non-literal
  el.innerHTML = '<a href="/search?q=' + encodeURIComponent(q);
  // A name not bound to the sanitiser's output.
  // ruleid: js.xss.html-sink-non-literal
  el.innerHTML = name;
  // encodeURIComponent of one part leaves the other raw.
  // ruleid: js.xss.html-sink-non-literal
  el.innerHTML = '<a href="/q?s=' + encodeURIComponent(q) + '">' + name + '</a>';
  const mixed = DOMPurify.sanitize(name) + q;
  // ruleid: js.xss.html-sink-non-literal
  el.innerHTML = mixed + q;
}
