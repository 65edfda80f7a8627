const { exec, execSync } = require('child_process');
const express = require('express');
const Koa = require('koa');
const Hapi = require('@hapi/hapi');
const restify = require('restify');
const multer = require('multer');

const app = express();
const upload = multer({ dest: 'uploads/' });

// Express: headers through req.get()/req.header(), cookies, URLs.
app.get('/a', (req, res) => {
  // ruleid: test.sources.web-request
  exec(`git log ${req.get('X-Branch')}`);
  // ruleid: test.sources.web-request
  execSync('echo ' + req.header('user-agent'));
  // ruleid: test.sources.web-request
  exec('grep ' + req.signedCookies.pattern);
  // ruleid: test.sources.web-request
  exec('ping ' + req.hostname);
  // ruleid: test.sources.web-request
  exec('curl ' + req.originalUrl);
  // ok: test.sources.web-request
  exec('ping ' + Number(req.get('X-Count')));
  // ok: test.sources.web-request
  exec('ls ' + req.method.length);
  res.end();
});

// multer: the uploaded file's name is the client's.
app.post('/up', upload.single('doc'), (req, res) => {
  // ruleid: test.sources.web-request
  exec(`file uploads/${req.file.originalname}`);
  // ok: test.sources.web-request
  exec(`file uploads/${require('path').basename(req.file.originalname)}`);
  res.end();
});

// Destructured handler parameters, with middleware in between.
app.get('/b', auth, async ({ query, params }, res) => {
  // ruleid: test.sources.web-request
  exec('git show ' + params.rev);
  // ok: test.sources.web-request
  exec('git show HEAD');
  res.send(query.x);
});
app.post('/c', function ({ body }) {
  // ruleid: test.sources.web-request
  execSync(body.cmd);
});
// A callback that is not a route handler: its destructured argument is not input.
[{ cmd: 'ls' }].forEach(({ cmd }) => {
  // ok: test.sources.web-request
  exec(cmd);
});
settings.get('k', ({ value }) => {
  // ok: test.sources.web-request
  exec(value);
});

// Koa.
const koa = new Koa();
koa.use(async (ctx) => {
  // ruleid: test.sources.web-request
  exec('echo ' + ctx.get('X-Name'));
  // ruleid: test.sources.web-request
  exec('echo ' + ctx.cookies.get('session'));
  // ruleid: test.sources.web-request
  exec('echo ' + ctx.request.body.name);
  // ruleid: test.sources.web-request
  exec('echo ' + ctx.querystring);
  // ok: test.sources.web-request
  exec('echo ' + ctx.state.user);
  // ok: test.sources.web-request
  exec('echo ' + ctx.status);
});

// Hapi.
const server = Hapi.server({ port: 3000 });
server.route({
  method: 'POST',
  path: '/h',
  handler: (request, h) => {
    // ruleid: test.sources.web-request
    exec('echo ' + request.payload.msg);
    // ruleid: test.sources.web-request
    exec('echo ' + request.state.token);
    // ok: test.sources.web-request
    exec('echo ' + request.info.id.length);
    return h.response('ok');
  },
});

// Restify.
const rs = restify.createServer();
rs.get('/r/:name', (req, res, next) => {
  // ruleid: test.sources.web-request
  exec('echo ' + req.getQuery());
  // ok: test.sources.web-request
  exec('echo restify');
  next();
});

// Google Cloud Functions: an HTTP function gets an Express request.
exports.helloHttp = (req, res) => {
  // ruleid: test.sources.web-request
  exec('echo ' + req.path);
  res.send('ok');
};

// Not a request: a local object named like one's fields.
const config = { query: 'ls', url: 'x' };
// ok: test.sources.web-request
exec(config.query);

// Express router.param: the value of the named route parameter.
const paramRouter = express.Router();
paramRouter.param('userId', (req, res, next, id) => {
  // ruleid: test.sources.web-request
  exec('id ' + id);
  // ok: test.sources.web-request
  exec('id ' + Number(id));
  next();
});
paramRouter.param('org', function (req, res, next, org, name) {
  // ruleid: test.sources.web-request
  exec('echo ' + org);
  // ok: test.sources.web-request
  exec('echo ' + name.length);
  next();
});

// multer's diskStorage callbacks: the uploaded file's own fields.
const fsw = require('fs');
multer.diskStorage({
  destination: function (req, file, cb) {
    // ruleid: test.sources.web-request
    fsw.writeFileSync('/srv/uploads/' + file.originalname + '.meta', '');
    cb(null, '/srv/uploads');
  },
  filename: function (req, file, cb) {
    // ok: test.sources.web-request
    fsw.writeFileSync('/srv/uploads/' + require('path').basename(file.originalname) + '.meta', '');
    cb(null, String(Date.now()));
  },
});
// The same callback shape elsewhere is no upload.
const other = { destination: function (req, file, cb) {
  // ok: test.sources.web-request
  fsw.writeFileSync(file.originalname, '');
} };

// GraphQL resolvers: (parent, args, context, info), args destructured too.
const resolvers = {
  Query: {
    user: (parent, args) => {
      // ruleid: test.sources.web-request
      return execSync('id ' + args.name);
    },
    team: async (_, { slug }) => {
      // ruleid: test.sources.web-request
      return execSync('echo ' + slug);
    },
    org: function (root, args, ctx) {
      // ruleid: test.sources.web-request
      exec('echo ' + args.id);
      // The context is the server's own.
      // ok: test.sources.web-request
      exec('echo ' + ctx.tenant);
    },
  },
};
// Callbacks of other shapes: an index, an accumulator.
[1, 2].forEach((item, index) => {
  // ok: test.sources.web-request
  exec('echo ' + index);
});
[{ a: 1 }].reduce((acc, cur) => {
  // ok: test.sources.web-request
  exec('echo ' + cur.a);
  return acc;
}, 0);
module.exports.resolvers = resolvers;
module.exports.other = other;
