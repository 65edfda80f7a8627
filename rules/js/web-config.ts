// TypeScript tests for web-config.yaml.
import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import session from 'express-session';
import helmet from 'helmet';
import serveIndex from 'serve-index';
import * as bodyParser from 'body-parser';

// ruleid: js.web.x-powered-by-enabled
export const app: express.Express = express();

// ruleid: js.web.cors-credentials-any-origin
app.use(cors({ origin: true, credentials: true, methods: ["GET", "POST"] }));
// ok: js.web.cors-credentials-any-origin
app.use(cors({ origin: (process.env.ORIGINS ?? '').split(','), credentials: true }));

export function allowOrigin(req: Request, res: Response, next: NextFunction): void {
  // ruleid: js.web.cors-origin-from-request
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin as string);
  next();
}

// ruleid: js.web.session-cookie-not-secure
app.use(session({ secret: process.env.SECRET as string, cookie: { sameSite: 'lax' } }));
// ok: js.web.session-cookie-not-secure
app.use(session({ secret: process.env.SECRET as string, cookie: { secure: 'auto' } }));

export function login(res: Response, jwt: string): void {
  // ruleid: js.web.auth-cookie-flags-missing
  res.cookie('jwt', jwt, { sameSite: 'lax' });
  // ok: js.web.auth-cookie-flags-missing
  res.cookie('jwt', jwt, { httpOnly: true, secure: true });
}

// ruleid: js.web.helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
// ruleid: js.web.csp-unsafe-source
app.use(helmet.contentSecurityPolicy({ directives: { 'script-src': ["'self'", "'unsafe-eval'"] } }));
// ruleid: js.web.directory-listing
app.use('/public', serveIndex('public') as express.RequestHandler);
// ruleid: js.web.body-parser-large-limit
app.use(bodyParser.json({ limit: '100mb' }) as express.RequestHandler);
// ok: js.web.body-parser-large-limit
app.use(bodyParser.json({ limit: '2mb' }) as express.RequestHandler);
// ruleid: js.web.trust-proxy-all
app.set('trust proxy', true);

export function listen(target: Window): void {
  // ruleid: js.web.postmessage-any-origin
  target.postMessage({ kind: 'ready' }, '*');
  // ruleid: js.web.message-listener-no-origin-check
  window.addEventListener('message', (ev: MessageEvent<{ cmd: string }>) => {
    run(ev.data.cmd);
  });
  // ok: js.web.message-listener-no-origin-check
  window.addEventListener('message', (ev: MessageEvent) => {
    if (ev.origin === window.location.origin) run(ev.data);
  });
}
declare function run(x: unknown): void;
