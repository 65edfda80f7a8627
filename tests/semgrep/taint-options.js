function direct() {
  const a = getInput();
  // ruleid: sg.taint.not-conflicting
  // ok: sg.taint.conflicting
  exec(a);
}

function cleaned() {
  const a = getInput();
  // ok: sg.taint.not-conflicting
  exec(escape(a));
}

function inline() {
  // ruleid: sg.taint.not-conflicting
  // ok: sg.taint.conflicting
  exec(getInput());
}
