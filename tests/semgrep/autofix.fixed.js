// ruleid: sg.fix.remove-import

import rightPad from "right-pad";

function quit(code) {
  // ruleid: sg.fix.use-process-exit
  process.exit(code + 1);
  // ok: sg.fix.use-process-exit
  process.exit(code);
}

// ruleid: sg.fix.spread-args
logger.debug("x", leftPad("a", 3), rightPad);
// ok: sg.fix.spread-args
console.error("x");

async function load(url) {
  // ruleid: sg.fix-regex.add-timeout
  const res = await fetch(url, { signal: AbortSignal.timeout(30000) });
  // ok: sg.fix-regex.add-timeout
  const local = await fetch("/index.json");
  return [res, local];
}

// ruleid: sg.fix-regex.count
quote('say 'a' then "b"');
// ok: sg.fix-regex.count
quote('no quotes');

// ruleid: sg.fix.focus
connect("https://example.com", { retries: 3 });
// ok: sg.fix.focus
connect("https://example.com", { retries: 3 });

function handler(req, res) {
  const name = req.query.name;
  // ruleid: sg.fix.taint-sink
  res.send(escapeHtml(name));
  // ok: sg.fix.taint-sink
  res.send("hello");
}
