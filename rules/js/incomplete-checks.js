// Tests for incomplete-checks.yaml.
function escapes(s, v, p, arg, name) {
  // ruleid: js.sanitize.replace-first-only
  const a = s.replace('<', '&lt;').replace('>', '&gt;');
  // ruleid: js.sanitize.replace-first-only
  const b = s.replace(/"/, '\\"');
  // ruleid: js.sanitize.replace-first-only
  const c = "'" + arg.replace("'", "'\\''") + "'";
  // ruleid: js.sanitize.replace-first-only
  const d = String(v).replace(/\r\n/, '');
  // ruleid: js.sanitize.replace-first-only
  const e = p.replace('../', '');
  // ruleid: js.sanitize.replace-first-only
  const f = s.replace(/[<>]/, '');
  // ruleid: js.sanitize.replace-first-only
  const g = s.replace('\\', '\\\\');
  // ruleid: js.sanitize.replace-first-only
  const h = s.replace(/&/i, '&amp;');

  // ok: js.sanitize.replace-first-only
  const i = s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // ok: js.sanitize.replace-first-only
  const j = s.replaceAll('"', '\\"');
  // ok: js.sanitize.replace-first-only
  const k = p.replace(/^\//, '').replace('.js', '');
  // ok: js.sanitize.replace-first-only
  const l = s.replace(/[<>]/g, '');
  // ok: js.sanitize.replace-first-only
  const m = name.replace('-', '_');
  // ok: js.sanitize.replace-first-only
  const n = s.replace(/\r?\n$/, '');
  // ok: js.sanitize.replace-first-only
  const o = s.replace(/&(?=\w+;)/g, '&amp;');
  // ok: js.sanitize.replace-first-only
  const q = s.replace('\r\n', '\n');
  // ok: js.sanitize.replace-first-only
  const r = s.replace('\\', '');
  // ruleid: js.sanitize.replace-first-only
  const t = s.replace('\n', '\\n');
  return [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, q, r, t];
}

function hosts(req, url, origin, hostname, redirectUrl, file, text, list) {
  // ruleid: js.web.incomplete-host-check
  if (url.includes('example.com')) go(url);
  // ruleid: js.web.incomplete-host-check
  const ok = origin.indexOf('mycompany.com') !== -1;
  // ruleid: js.web.incomplete-host-check
  if (!hostname.endsWith('example.org')) return;
  // ruleid: js.web.incomplete-host-check
  const cb = redirectUrl.startsWith('https://auth.example.com');
  // ruleid: js.web.incomplete-host-check
  if (req.headers.referer.includes('https://shop.example.co')) next();
  // ruleid: js.web.incomplete-host-check
  if (new URL(url).host.includes('github.com')) trust();

  // ok: js.web.incomplete-host-check
  if (new URL(url).hostname === 'example.com') go(url);
  // ok: js.web.incomplete-host-check
  const ok2 = hostname === 'mycompany.com' || hostname.endsWith('.mycompany.com');
  // ok: js.web.incomplete-host-check
  const cb2 = redirectUrl.startsWith('https://auth.example.com/');
  // ok: js.web.incomplete-host-check
  if (file.endsWith('package.json')) load(file);
  // ok: js.web.incomplete-host-check
  if (text.includes('example.com')) note(text);
  // ok: js.web.incomplete-host-check
  if (list.includes(origin)) allow(origin);
  // ok: js.web.incomplete-host-check
  if (url.includes('/api/')) api(url);
  return [ok, cb, ok2, cb2];
}
module.exports = { escapes, hosts };
