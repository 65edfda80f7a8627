// Tests for xss.yaml (DOM and jQuery sinks).
function render(el, doc, name, html, frame, range) {

  // ruleid: js.xss.html-parse-call
  $('#out').html(html);
  // ruleid: js.xss.html-parse-call
  jQuery(el).append('<li>' + name + '</li>');
  // ruleid: js.xss.html-parse-call
  $(el).replaceWith(`<p>${name}</p>`);
  // ruleid: js.xss.html-parse-call
  range.createContextualFragment(html);
  // ok: js.xss.html-parse-call
  $('#out').text(name);
  // ok: js.xss.html-parse-call
  $('#out').html('<hr>');
  // ok: js.xss.html-parse-call
  doc.write(html);
}
module.exports = render;
