// Tests for xss.yaml (DOM and jQuery sinks).
function render(el, doc, name, html, frame, range) {
  // ruleid: js.xss.inner-html
  el.innerHTML = '<b>' + name + '</b>';
  // ruleid: js.xss.inner-html
  el.outerHTML = `<p>${name}</p>`;
  // ruleid: js.xss.inner-html
  frame.srcdoc = html;
  // ruleid: js.xss.inner-html
  el.innerHTML += html;
  // ok: js.xss.inner-html
  el.innerHTML = '<b>static</b>';
  // ok: js.xss.inner-html
  el.textContent = name;
  // ok: js.xss.inner-html
  el.innerHTML = `<hr>`;

  // ruleid: js.xss.html-insertion-call
  document.write(html);
  // ruleid: js.xss.html-insertion-call
  el.insertAdjacentHTML('beforeend', '<li>' + name + '</li>');
  // ruleid: js.xss.html-insertion-call
  $('#out').html(html);
  // ruleid: js.xss.html-insertion-call
  range.createContextualFragment(html);
  // ok: js.xss.html-insertion-call
  document.write('<p>loading</p>');
  // ok: js.xss.html-insertion-call
  el.insertAdjacentText('beforeend', name);
  // ok: js.xss.html-insertion-call
  $('#out').text(name);
  // ok: js.xss.html-insertion-call
  doc.write(html);
}
module.exports = render;
