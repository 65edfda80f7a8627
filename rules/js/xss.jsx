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

export function Sanitised({ body, other }) {
  const clean = DOMPurify.sanitize(body);
  const purified = purifier.sanitize(other, { USE_PROFILES: { html: true } });
  // ok: js.xss.dangerously-set-inner-html
  const a = <div dangerouslySetInnerHTML={{ __html: clean }} />;
  // ok: js.xss.dangerously-set-inner-html
  const b = <div dangerouslySetInnerHTML={{ __html: purified }} />;
  // ok: js.xss.dangerously-set-inner-html
  const c = <p dangerouslySetInnerHTML={{ __html: clean }} />;
  // ruleid: js.xss.dangerously-set-inner-html
  const d = <div dangerouslySetInnerHTML={{ __html: body }} />;
  const joined = clean + other;
  // ruleid: js.xss.dangerously-set-inner-html
  const e = <div dangerouslySetInnerHTML={{ __html: joined }} />;
  // ruleid: js.xss.dangerously-set-inner-html
  const f = <div dangerouslySetInnerHTML={{ __html: `${clean}${other}` }} />;
  return [a, b, c, d, e, f];
}
