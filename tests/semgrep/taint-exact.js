function exactSources(x) {
  // ruleid: sg.taint.source-non-exact
  // ok: sg.taint.source-exact
  taintSrc(sink(x));
}
function exactSanitizers() {
  // ok: sg.taint.sanitizer-non-exact
  // ruleid: sg.taint.sanitizer-exact
  sanitize(sink("taint"));
}
function exactSinks(cond) {
  // ok: sg.taint.sink-exact
  // ruleid: sg.taint.sink-non-exact
  sink(tainted ? "foo" : "bar");
  // ruleid: sg.taint.sink-exact
  // ruleid: sg.taint.sink-non-exact
  sink(tainted);
}
function copy(buf) {
  const src = input();
  strcpy(buf, src);
  // ruleid: sg.taint.strcpy
  sink(buf);
}
function noCopy(buf) {
  const src = input();
  strlen(buf, src);
  // ok: sg.taint.strcpy
  sink(buf);
}
