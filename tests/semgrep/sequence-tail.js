function many() {
  let a;
  // ok: sg.sequence.tail-inside
  use(a);
  a = "fixed";
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ruleid: sg.sequence.tail-inside
  use(a);
  // ok: sg.sequence.tail-inside
  use(b);
}
function other() {
  // ok: sg.sequence.tail-inside
  use(a);
}
