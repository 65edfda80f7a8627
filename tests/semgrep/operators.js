// ruleid: sg.pattern-not.useless-equality
if (a == a) go();
// ruleid: sg.pattern-not.useless-equality
if (f(x) == f( x )) go();
// ok: sg.pattern-not.useless-equality
if (1 == 1) go();
// ok: sg.pattern-not.useless-equality
if (a == b) go();

function f1(v) {
  // ruleid: sg.pattern-inside.return-in-function
  return v + 1;
}
function f2() {
  if (x) {
    // ruleid: sg.pattern-inside.return-in-function
    return 2;
  }
}
const arrow = () => {
  // ok: sg.pattern-inside.return-in-function
  return 3;
};
class K {
  m() {
    // ok: sg.pattern-inside.return-in-function
    return 4;
  }
}

// ruleid: sg.pattern-not-inside.unchecked-query
db.query(userSql);
// ruleid: sg.pattern-not-inside.unchecked-query
if (isSafe(other)) { db.query(userSql); }
if (isSafe(userSql)) {
  // ok: sg.pattern-not-inside.unchecked-query
  db.query(userSql);
}
// ok: sg.pattern-not-inside.unchecked-query
db.find(userSql);

// ruleid: sg.pattern-either.weak-hash, sg.metavariable-regex.weak-hash
crypto.createHash("md5");
// ruleid: sg.pattern-either.weak-hash, sg.metavariable-regex.weak-hash
crypto.createHash('sha1');
// ok: sg.pattern-either.weak-hash, sg.metavariable-regex.weak-hash
crypto.createHash("sha256");
// ok: sg.pattern-either.weak-hash, sg.metavariable-regex.weak-hash
crypto.createHash(alg);
// ruleid: sg.metavariable-regex.weak-hash
nodeCrypto.createHash("md5");
// ok: sg.metavariable-regex.weak-hash
nodeCrypto.createHash("xmd5");

// ruleid: sg.metavariable-comparison.low-port
server.listen(80);
// ruleid: sg.metavariable-comparison.low-port
server.listen(443);
// ok: sg.metavariable-comparison.low-port
server.listen(8080);
// ok: sg.metavariable-comparison.low-port
server.listen(port);

// ruleid: sg.metavariable-pattern.reflected-query
res.send(req.query.name);
// ruleid: sg.metavariable-pattern.reflected-query
res.send("<p>" + req.query.q + "</p>");
// ok: sg.metavariable-pattern.reflected-query
res.send(req.body.name);
// ok: sg.metavariable-pattern.reflected-query
res.send("static");

// ruleid: sg.focus-metavariable.fetch-url
fetch(url);
// ruleid: sg.focus-metavariable.fetch-url
fetch(base + path, { method: "POST" });
// ok: sg.focus-metavariable.fetch-url
fetch("https://example.com/");
// ok: sg.focus-metavariable.fetch-url
fetch('https://example.com/', opts);

// ruleid: sg.pattern-regex.todo
note("TODO fix this");
// ok: sg.pattern-regex.todo
note("TODO(ok) reviewed");
// ruleid: sg.pattern-regex.todo
x = 1; /* TODO later */
// ok: sg.pattern-regex.todo
x = 2; /* todo in lower case */

// ruleid: sg.deep.eval-of-request
eval(req.query.code);
// ruleid: sg.deep.eval-of-request
eval("prefix" + wrap(req.body.x));
// ok: sg.deep.eval-of-request
eval(config.code);
// ok: sg.deep.eval-of-request
run(req.query.code);

function h1(req) {
  // ruleid: sg.sequence.body-to-eval
  data = req.body;
  log(data);
  eval(data);
}
function h2(req) {
  // ok: sg.sequence.body-to-eval
  data = req.body;
  eval(other);
}
function h3(req) {
  // ruleid: sg.sequence.body-to-eval
  const d = req.body;
  eval(d);
}
function s1() {
  // ruleid: sg.sequence.bound-text
  cfg.env = load();
  step();
  other = 1;
  copy = wrap(cfg . env);
}
function s2() {
  // ruleid: sg.sequence.bound-text
  const secret = load();
  if (ready) {
    out = [1, { v: g(secret) }];
  }
}
function s3() {
  // ok: sg.sequence.bound-text
  token = load();
  copy = wrap(tokens);
}
function s4() {
  // ok: sg.sequence.bound-text
  copy = wrap(key);
  key = load();
}
function s5() {
  // ruleid: sg.sequence.bound-text
  user = load();
  log(user);
  saved = [user];
}
function h4(req) {
  // ok: sg.sequence.body-to-eval
  eval(d);
  d = req.body;
}

const tlsA = {
  host: h,
  port: 443,
  // ruleid: sg.enumerate.tls-option-off
  rejectUnauthorized: false,
};
// ruleid: sg.enumerate.tls-option-off
request({ url: u, method: 'GET', strictSSL: 0 });
// ok: sg.enumerate.tls-option-off
request({ url: u, strictSSL: true });
// ok: sg.enumerate.tls-option-off
request({ url: u, verify: false });

// A bare $X binds expressions, never the inside of a string literal.
// ok: sg.metavariable-pattern.not-a-literal
show('abc');
// ok: sg.metavariable-pattern.not-a-literal
show("a \n b");
// ruleid: sg.metavariable-pattern.not-a-literal
show(abc);
// ruleid: sg.metavariable-pattern.not-a-literal
show(prefix + 'abc');

app.get('/a', function (req, res) {
  // ruleid: sg.pattern-either-inside.run-in-handler
  run(req.query.code);
});
app.post('/b', (req, res) => {
  // ruleid: sg.pattern-either-inside.run-in-handler
  run(req.body.code);
});
app.put('/c', (req, res) => {
  // ok: sg.pattern-either-inside.run-in-handler
  run(req.body.code);
});
// ok: sg.pattern-either-inside.run-in-handler
run(code);
