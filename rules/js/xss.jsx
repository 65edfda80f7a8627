// Tests for xss.yaml (React).
export function notes(note, html) {
  // ruleid: js.xss.dangerously-set-inner-html
  const a = <div dangerouslySetInnerHTML={{ __html: note.body }} />;
  // ruleid: js.xss.dangerously-set-inner-html
  const b = <span dangerouslySetInnerHTML={{ __html: `<b>${html}</b>` }} />;
  // ruleid: js.xss.dangerously-set-inner-html
  const c = <p dangerouslySetInnerHTML={{ __html: marked(note.md) }} />;
  // ok: js.xss.dangerously-set-inner-html
  const d = <div dangerouslySetInnerHTML={{ __html: '<hr/>' }} />;
  // ok: js.xss.dangerously-set-inner-html
  const e = <div>{note.body}</div>;
  // ok: js.xss.dangerously-set-inner-html
  const f = <div title={note.title} />;
  return [a, b, c, d, e, f];
}
