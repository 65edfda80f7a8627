// The TypeScript patterns on JavaScript code: types are not there to match.
app.get("/a", (req, res) => {
  // ruleid: sg.ts.typed-handler
  res.send(req.query.name);
});
app.get("/b", (req, res) => {
  // ok: sg.ts.typed-handler
  res.send("fixed");
});
app.get("/c", function (req, res) {
  // ok: sg.ts.typed-handler
  res.send(req.query.name);
});

// ruleid: sg.ts.cast-to-eval
eval(userCode);
// ok: sg.ts.cast-to-eval
evaluate(userCode);

// ruleid: sg.ts.generic-parse
const cfg = JSON.parse(raw);
// ok: sg.ts.generic-parse
const other = JSON.stringify(raw);

// An interface cannot occur in JavaScript: the rule matches nothing here.
// ok: sg.ts.interface-secret
const shape = { password: "string" };
