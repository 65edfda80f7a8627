// Tests for xss.yaml (React).
import DOMPurify from 'dompurify';

export function notes(note, html) {
  // ruleid: js.xss.dangerously-set-inner-html
  const a = <div dangerouslySetInnerHTML={{ __html: note.body }} />;
  // ruleid: js.xss.dangerously-set-inner-html
  const b = <span dangerouslySetInnerHTML={{ __html: `<b>${html}</b>` }} />;
  // ruleid: js.xss.dangerously-set-inner-html
  const c = <p className="md" dangerouslySetInnerHTML={{ __html: marked(note.md) }}></p>;
  // ruleid: js.xss.dangerously-set-inner-html
  const props = { dangerouslySetInnerHTML: { __html: note.preview } };
  // ok: js.xss.dangerously-set-inner-html
  const d = <div dangerouslySetInnerHTML={{ __html: '<hr/>' }} />;
  // ok: js.xss.dangerously-set-inner-html
  const e = <div>{note.body}</div>;
  // ok: js.xss.dangerously-set-inner-html
  const f = <div title={note.title} />;
  // ok: js.xss.dangerously-set-inner-html
  const g = <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(note.body) }} />;
  return [a, b, c, d, e, f, g, props];
}
