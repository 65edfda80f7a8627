function sideSource(mySet) {
  makeTainted(mySet);
  // ruleid: sg.taint.source-side-effect
  sink(mySet);
}
function noSideSource(other) {
  mark(other);
  // ok: sg.taint.source-side-effect
  sink(other);
}

function sideSanitizer() {
  const x = sourceA();
  checkIfSafe(x);
  // ok: sg.taint.sanitizer-side-effect
  sink(x);
}
function noSideSanitizer() {
  const x = sourceA();
  // ruleid: sg.taint.sanitizer-side-effect
  sink(x);
}

function foo(x, y) {
  // ruleid: sg.taint.param-source
  sink(x);
  const z = sanitize(x);
  // ok: sg.taint.param-source
  sink(z);
}
function bar(x) {
  // ok: sg.taint.param-source
  sink(x);
}

function sinks() {
  const t = sourceS();
  // ruleid: sg.taint.sink-arg
  sinkFirst(t, 1);
  // ok: sg.taint.sink-arg
  sinkFirst(1, t);
}

function propagate(s) {
  const x = userSet;
  s = new Set([]);
  s.add(x);
  // ruleid: sg.taint.propagator
  sink(s.values().next());
}
function noPropagate(s) {
  const x = userSet;
  s = new Set([]);
  s.has(x);
  // ok: sg.taint.propagator
  sink(s.values().next());
}

function labels() {
  const a = evil(userInput);
  // ruleid: sg.taint.labels
  sink(a);
  // ok: sg.taint.labels
  sink(userInput);
  // ok: sg.taint.labels
  sink(evil(safe));
}

function indexes(obj) {
  const i = sourceI();
  // ok: sg.taint.safe-indexes
  sink(obj[i]);
  // ruleid: sg.taint.safe-indexes
  sink(i);
}

function functions() {
  const t = sourceF();
  // ok: sg.taint.safe-functions
  sink(someSafeFunction(t));
  // ruleid: sg.taint.safe-functions
  sink(t);
}

function sideOnly(v) {
  // ok: sg.taint.side-effect-only
  // ruleid: sg.taint.side-effect-also
  sink(markTainted(v));
  // ruleid: sg.taint.side-effect-only
  // ruleid: sg.taint.side-effect-also
  sink(v);
}

function sanitizerOnly() {
  const y = sourceO();
  // ruleid: sg.taint.sanitizer-only
  sink(validate(y));
  // ok: sg.taint.sanitizer-only
  sink(y);
}
