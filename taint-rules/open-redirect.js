// Tests for open-redirect.yaml (js.taint.open-redirect): server and browser.
const express = require('express');
const Koa = require('koa');

const app = express();
const RETURN_PATHS = ['/home', '/settings', '/billing'];

app.get('/login/done', (req, res) => {
  // ruleid: js.taint.open-redirect
  res.redirect(req.query.next);
});

app.get('/out', (req, res) => {
  const { to } = req.query;
  // ruleid: js.taint.open-redirect
  res.redirect(302, to);
});

app.get('/legacy', (req, res) => {
  // ruleid: js.taint.open-redirect
  res.writeHead(301, { Location: req.query.url });
  res.end();
});

app.get('/slash', (req, res) => {
  // '/' + '/evil.example' is a protocol-relative URL: not a fixed local path.
  // ruleid: js.taint.open-redirect
  res.redirect('/' + req.query.page);
});

app.get('/docs', (req, res) => {
  // A fixed local path in front keeps the user on the site.
  // ok: js.taint.open-redirect
  res.redirect('/docs/' + req.query.page);
});

app.get('/back', (req, res) => {
  const next = req.query.next;
  if (RETURN_PATHS.includes(next)) {
    // ok: js.taint.open-redirect
    return res.redirect(next);
  }
  // ok: js.taint.open-redirect
  res.redirect('/home');
});

app.get('/back-short', (req, res) => {
  const next = req.query.next;
  // ok: js.taint.open-redirect
  if (RETURN_PATHS.includes(next)) return res.redirect(next);
  if (!RETURN_PATHS.includes(next)) return res.redirect('/home');
  // ok: js.taint.open-redirect
  res.redirect(next);
});

app.get('/back-loose', (req, res) => {
  const next = req.query.next;
  if (!RETURN_PATHS.includes(next)) console.warn('unexpected next', next);
  // ruleid: js.taint.open-redirect
  res.redirect(next);
});

app.get('/local-only', (req, res) => {
  const next = String(req.query.next);
  // ok: js.taint.open-redirect
  if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return res.redirect(next);
  // ok: js.taint.open-redirect
  if (/^\/(?![\/\\])/.test(next)) res.redirect(next);
  // '/\evil.example' passes this check, and browsers read it as //evil.example.
  // ruleid: js.taint.open-redirect
  if (next.startsWith('/') && !next.startsWith('//')) res.redirect(next);
  // ruleid: js.taint.open-redirect
  if (/^\//.test(next)) res.redirect(next);
  // ruleid: js.taint.open-redirect
  res.redirect(next);
});

// --- cross-function ---------------------------------------------------------------

function returnTo(req) {
  return req.cookies.returnTo || '/';
}

app.get('/sso/callback', (req, res) => {
  // ruleid: js.taint.open-redirect
  res.redirect(returnTo(req));
});

function pageNumberPath(req) {
  return '/list?page=' + parseInt(req.query.p, 10);
}

app.get('/list-redirect', (req, res) => {
  // ok: js.taint.open-redirect
  res.redirect(pageNumberPath(req));
});

function go(res, target) {
  // ruleid: js.taint.open-redirect
  res.redirect(target);
}

function goHome(res, unused) {
  // ok: js.taint.open-redirect
  res.redirect('/home');
}

app.get('/go', (req, res) => go(res, req.query.target));
app.get('/home-link', (req, res) => goHome(res, req.query.target));

// --- Koa ------------------------------------------------------------------------------

const koa = new Koa();
koa.use(async (ctx) => {
  // ruleid: js.taint.open-redirect
  ctx.redirect(ctx.query.redirect_uri);
});

// --- browser --------------------------------------------------------------------------

const params = new URLSearchParams(location.search);
// ruleid: js.taint.open-redirect
window.location.href = params.get('returnUrl');

// ruleid: js.taint.open-redirect
location.assign(decodeURIComponent(location.hash.substring(1)));

// ok: js.taint.open-redirect
location.href = '/dashboard';

window.addEventListener('message', (e) => {
  // ruleid: js.taint.open-redirect
  window.location = e.data.navigate;
});

module.exports = app;

// --- fixed hosts with and without a slash, Koa, window.open -------------------------

app.get('/to-docs', (req, res) => {
  // No slash after the host: "https://example.com" + "@evil.example" or
  // ".evil.example" lands elsewhere.
  // ruleid: js.taint.open-redirect
  res.redirect('https://example.com' + req.query.path);
  // ok: js.taint.open-redirect
  res.redirect(`https://example.com/${req.query.path}`);
  // ok: js.taint.open-redirect
  res.redirect('https://example.com/' + req.query.path);
  // ruleid: js.taint.open-redirect
  res.redirect(`https://example.com${req.query.path}`);
  // A bare '/' then the value: '//evil.example' is protocol-relative.
  // ruleid: js.taint.open-redirect
  res.redirect(`/${req.query.path}`);
});

function koaRoutes(router) {
  router.get('/login/done', async (ctx) => {
    // ruleid: js.taint.open-redirect
    ctx.redirect(ctx.query.returnTo);
    // ok: js.taint.open-redirect
    ctx.redirect('/home');
    // ok: js.taint.open-redirect
    ctx.redirect(`/accounts/${ctx.params.id}`);
  });
}

function popup() {
  const next = new URLSearchParams(location.search).get('next') || location.hash.slice(1);
  // ruleid: js.taint.open-redirect
  window.open(next, '_blank');
  // ok: js.taint.open-redirect
  window.open('/help/' + next, '_blank');
  // ok: js.taint.open-redirect
  window.open('https://help.example.com/', '_blank');
}

// Next.js: the redirect a data function returns.
export async function getServerSideProps(context) {
  const { dest, id } = context.query;
  if (id === 'legacy') {
    // ruleid: js.taint.open-redirect
    return { redirect: { destination: dest, permanent: false } };
  }
  if (id === 'old') {
    // ruleid: js.taint.open-redirect
    return { redirect: { permanent: true, destination: 'https://shop.example.com' + dest } };
  }
  if (id === 'moved') {
    // ok: js.taint.open-redirect
    return { redirect: { destination: `/orders/${encodeURIComponent(id)}`, permanent: false } };
  }
  if (id === 'home') {
    // ok: js.taint.open-redirect
    return { redirect: { destination: '/', permanent: false } };
  }
  const redirect = { destination: dest, permanent: false };
  // ruleid: js.taint.open-redirect
  return { redirect: { destination: context.resolvedUrl } };
  // ok: js.taint.open-redirect
  return { props: { dest, redirect } };
}

// A fixed local path resolved against a base stays on the base's host.
function middleware(request) {
  const to = request.nextUrl.searchParams.get('to');
  if (!to) {
    // ok: js.taint.open-redirect
    return NextResponse.redirect(new URL('/login', request.url));
  }
  if (to === 'docs') {
    // ok: js.taint.open-redirect
    return NextResponse.redirect(new URL(`/docs/start`, request.nextUrl));
  }
  if (to === 'help') {
    // ok: js.taint.open-redirect
    return NextResponse.redirect(new URL("/help?from=mw", request.url));
  }
  if (to.length > 100) {
    // A protocol-relative path leaves the host.
    // ruleid: js.taint.open-redirect
    return NextResponse.redirect(new URL('//' + to, request.url));
  }
  if (to.length > 50) {
    // ruleid: js.taint.open-redirect
    return NextResponse.redirect(new URL(`/${to}`, request.url));
  }
  // ruleid: js.taint.open-redirect
  return NextResponse.redirect(new URL(to, request.url));
}

// A local-path check behind an emptiness test, in a helper.
function safeNext(raw) {
  if (raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\')) {
    return raw;
  }
  return '/';
}
function looseNext(raw) {
  if (raw && raw.startsWith('/') && !raw.startsWith('//')) {
    return raw;
  }
  return '/';
}
function afterLogin() {
  const next = new URLSearchParams(location.search).get('next');
  // ok: js.taint.open-redirect
  location.assign(safeNext(next));
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    // ok: js.taint.open-redirect
    location.href = next;
  }
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return location.replace(next);
  // Without the /\ clause: /\evil.example is another host to browsers.
  // ruleid: js.taint.open-redirect
  location.assign(looseNext(next));
  if (next && !next.startsWith('//')) {
    // ruleid: js.taint.open-redirect
    location.href = next;
  }
  // ruleid: js.taint.open-redirect
  location.replace(next);
}

// An allow-list choice in a conditional expression.
const PLACES = ['/home', '/billing'];
const PLACE_SET = new Set(PLACES);
app.get('/choose', (req, res) => {
  // ok: js.taint.open-redirect
  res.redirect(PLACES.includes(req.query.to) ? req.query.to : '/home');
  // ok: js.taint.open-redirect
  res.redirect(PLACE_SET.has(req.query.to) ? req.query.to : "/");
  const to = PLACES.includes(req.query.to) ? req.query.to : '/home';
  // ok: js.taint.open-redirect
  res.redirect(to);
  // ruleid: js.taint.open-redirect
  res.redirect(PLACES.includes(req.query.to) ? req.query.to : req.query.fallback);
  // ruleid: js.taint.open-redirect
  res.redirect(PLACES.includes(req.query.to) ? req.query.next : '/home');
  // ruleid: js.taint.open-redirect
  res.redirect(req.query.to ? req.query.to : '/home');
});
