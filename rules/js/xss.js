// Tests for xss.yaml (DOM and jQuery sinks).
import jq from 'jquery';

function render(el, doc, name, html, frame, range, item) {
  // ruleid: js.xss.html-parse-call
  $('#out').html(html);
  // ruleid: js.xss.html-parse-call
  jQuery(el).append('<li>' + name + '</li>');
  // ruleid: js.xss.html-parse-call
  $(el).replaceWith(`<p>${name}</p>`);
  // ruleid: js.xss.html-parse-call
  range.createContextualFragment(html);
  // ruleid: js.xss.html-parse-call
  $('<div class="n">' + item.title + '</div>').appendTo('#list');
  // ruleid: js.xss.html-parse-call
  jQuery.parseHTML(html);
  // ok: js.xss.html-parse-call
  $('#out').text(name);
  // ok: js.xss.html-parse-call
  $('#out').html('<hr>');
  // ok: js.xss.html-parse-call
  doc.write(html);
  // ok: js.xss.html-parse-call
  $('#out').html(DOMPurify.sanitize(html));
  // ok: js.xss.html-parse-call
  $('#list-' + item.id).show();
  // ok: js.xss.html-parse-call
  range.createContextualFragment('<b>fixed</b>');
  return jq;
}
module.exports = render;
