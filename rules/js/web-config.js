// Tests for web-config.yaml (JavaScript).
const express = require('express');
const cors = require('cors');
const session = require('express-session');
const cookieSession = require('cookie-session');
const helmet = require('helmet');
const serveIndex = require('serve-index');
const serveStatic = require('serve-static');
const bodyParser = require('body-parser');

// ok: js.web.x-powered-by-enabled
const app = express(); // helmet() below removes the header

// ruleid: js.web.cors-credentials-any-origin
app.use(cors({ origin: true, credentials: true }));
// ruleid: js.web.cors-credentials-any-origin
app.use(cors({ credentials: true, origin: '*' }));
// ruleid: js.web.cors-credentials-any-origin
app.options('/api', cors({ methods: ['GET'], origin: "*", maxAge: 600, credentials: true }));
// ok: js.web.cors-credentials-any-origin
app.use(cors({ origin: ['https://app.example.com'], credentials: true }));
// ok: js.web.cors-credentials-any-origin
app.use(cors({ origin: '*' }));
// ok: js.web.cors-credentials-any-origin
app.use(cors({ origin: true, credentials: false }));
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  // ruleid: js.web.cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});
async function koaCors(ctx, next) {
  ctx.set('Access-Control-Allow-Credentials', true);
  // ruleid: js.web.cors-credentials-any-origin
  ctx.set('Access-Control-Allow-Origin', '*');
  await next();
}
app.use((req, res, next) => {
  // ok: js.web.cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Origin', '*');
  next();
});
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  // ok: js.web.cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

app.use((req, res, next) => {
  // ruleid: js.web.cors-origin-from-request
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  // ruleid: js.web.cors-origin-from-request
  res.header('Access-Control-Allow-Origin', req.get('origin'));
  // ruleid: js.web.cors-origin-from-request
  res.set('Access-Control-Allow-Origin', req.headers['origin'] || '*');
  if (ALLOWED.includes(req.headers.origin)) {
    // ok: js.web.cors-origin-from-request
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  }
  // ok: js.web.cors-origin-from-request
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  // ok: js.web.cors-origin-from-request
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers']);
  next();
});

function notifyParent(token) {
  // ruleid: js.web.postmessage-any-origin
  window.parent.postMessage({ token }, '*');
  // ruleid: js.web.postmessage-any-origin
  opener.postMessage(JSON.stringify({ type: 'login', token }), '*');
  // ruleid: js.web.postmessage-any-origin
  frame.contentWindow.postMessage(token, '*', [port]);
  // ok: js.web.postmessage-any-origin
  window.parent.postMessage({ token }, 'https://app.example.com');
  // ok: js.web.postmessage-any-origin
  worker.postMessage({ token });
  // ok: js.web.postmessage-any-origin
  window.parent.postMessage({ token }, location.origin);
}

// ruleid: js.web.message-listener-no-origin-check
window.addEventListener('message', (event) => {
  run(event.data.command);
});
// ruleid: js.web.message-listener-no-origin-check
window.addEventListener('message', function (e) {
  document.getElementById('out').textContent = e.data;
}, false);
// ruleid: js.web.message-listener-no-origin-check
window.onmessage = (msg) => {
  navigate(msg.data.url);
};
// ok: js.web.message-listener-no-origin-check
window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  run(event.data.command);
});
// ok: js.web.message-listener-no-origin-check
window.addEventListener('message', ({ origin, data }) => {
  if (origin === TRUSTED) run(data);
});
// ok: js.web.message-listener-no-origin-check
self.addEventListener('message', (event) => {
  postMessage(work(event.data));
});

// ruleid: js.web.session-cookie-not-secure
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ruleid: js.web.session-cookie-not-secure
app.use(session({ secret: process.env.S, cookie: { httpOnly: true, maxAge: 3600000 } }));
// ruleid: js.web.session-cookie-not-secure
app.use(cookieSession({ name: 'session', keys: [process.env.K1] }));
// ok: js.web.session-cookie-not-secure
app.use(session({ secret: process.env.S, cookie: { secure: true, httpOnly: true, sameSite: 'lax' } }));
// ok: js.web.session-cookie-not-secure
app.use(cookieSession({ name: 'session', keys: [process.env.K1], secure: true }));
// ok: js.web.session-cookie-not-secure
app.use(session(sessionOptions));

app.post('/login', (req, res) => {
  // ruleid: js.web.auth-cookie-flags-missing
  res.cookie('session_id', sid);
  // ruleid: js.web.auth-cookie-flags-missing
  res.cookie('token', jwt, { maxAge: 900000 });
  // ruleid: js.web.auth-cookie-flags-missing
  res.cookie("authToken", jwt, { httpOnly: true });
  // ok: js.web.auth-cookie-flags-missing
  res.cookie('token', jwt, { httpOnly: true, secure: true, sameSite: 'strict' });
  // ok: js.web.auth-cookie-flags-missing
  res.cookie('theme', 'dark');
  // ok: js.web.auth-cookie-flags-missing
  res.cookie('sid', sid, { secure: true, httpOnly: true });
});

// ruleid: js.web.helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: false }));
// ruleid: js.web.helmet-protection-disabled
app.use(helmet({ frameguard: false, hsts: { maxAge: 31536000 } }));
// ruleid: js.web.helmet-protection-disabled
app.use(helmet({ crossOriginEmbedderPolicy: false, strictTransportSecurity: false }));
// ok: js.web.helmet-protection-disabled
app.use(helmet());
// ok: js.web.helmet-protection-disabled
app.use(helmet({ crossOriginEmbedderPolicy: false }));
// ok: js.web.helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } } }));

app.use(
  helmet.contentSecurityPolicy({
    // ruleid: js.web.csp-unsafe-source
    directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"] },
  }),
);
app.get('/page', (req, res) => {
  // ruleid: js.web.csp-unsafe-source
  res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self' 'unsafe-eval'");
  // ruleid: js.web.csp-unsafe-source
  res.set('Content-Security-Policy', "default-src *");
  // ok: js.web.csp-unsafe-source
  res.setHeader('Content-Security-Policy', "default-src 'self'; img-src *");
  // ok: js.web.csp-unsafe-source
  res.setHeader('Content-Security-Policy', `script-src 'nonce-${nonce}'`);
  // ok: js.web.csp-unsafe-source
  res.setHeader('X-Content-Type-Options', 'nosniff');
});
// ok: js.web.csp-unsafe-source
app.use(helmet.contentSecurityPolicy({ directives: { scriptSrc: ["'self'", 'cdn.example.com'] } }));

// ruleid: js.web.static-dotfiles-allowed
app.use(express.static('public', { dotfiles: 'allow' }));
// ruleid: js.web.static-dotfiles-allowed
app.use('/files', serveStatic(root, { index: false, dotfiles: 'allow' }));
// ruleid: js.web.static-dotfiles-allowed
app.use(require('express').static(__dirname, { maxAge: '1d', dotfiles: 'allow' }));
// ok: js.web.static-dotfiles-allowed
app.use(express.static('public'));
// ok: js.web.static-dotfiles-allowed
app.use(express.static('public', { dotfiles: 'deny' }));
// ok: js.web.static-dotfiles-allowed
app.use(serveStatic(root, { dotfiles: 'ignore' }));

// ruleid: js.web.directory-listing
app.use('/files', serveIndex('public/files', { icons: true }));
// ruleid: js.web.directory-listing
app.use('/logs', serveIndex(logDir));
// ruleid: js.web.directory-listing
app.use('/', require('serve-index')(__dirname));
// ok: js.web.directory-listing
app.use('/files', serveStatic('public/files'));
// ok: js.web.directory-listing
app.use(index('public'));
// ok: js.web.directory-listing
const listing = { serveIndex: false };

// ruleid: js.web.trust-proxy-all
app.set('trust proxy', true);
// ruleid: js.web.trust-proxy-all
app.enable('trust proxy');
// ruleid: js.web.trust-proxy-all
server.set('trust proxy', true);
// ok: js.web.trust-proxy-all
app.set('trust proxy', 1);
// ok: js.web.trust-proxy-all
app.set('trust proxy', 'loopback');
// ok: js.web.trust-proxy-all
app.enable('case sensitive routing');

// ruleid: js.web.body-parser-large-limit
app.use(bodyParser.json({ limit: '50mb' }));
// ruleid: js.web.body-parser-large-limit
app.use(express.urlencoded({ extended: true, limit: '1gb' }));
// ruleid: js.web.body-parser-large-limit
app.use(bodyParser.raw({ type: '*/*', limit: Infinity }));
// ok: js.web.body-parser-large-limit
app.use(bodyParser.json());
// ok: js.web.body-parser-large-limit
app.use(bodyParser.json({ limit: '1mb' }));
// ok: js.web.body-parser-large-limit
app.use(express.json({ limit: '500kb' }));

function quiet() {
  // ok: js.web.x-powered-by-enabled
  const api = express();
  api.disable('x-powered-by');
  // ok: js.web.x-powered-by-enabled
  const site = express();
  site.use(helmet());
  // ruleid: js.web.x-powered-by-enabled
  const open = express();
  open.use(cors());
  return [api, site, open];
}
// ruleid: js.web.x-powered-by-enabled
const admin = require('express')();
// ok: js.web.x-powered-by-enabled
const router = express.Router();
