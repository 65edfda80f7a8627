// The same patterns on TypeScript code: the types must match.
app.get("/a", (req: Request, res: Response) => {
  // ruleid: sg.ts.typed-handler
  res.send(req.query.name);
});
app.get("/b", (req: Request, res: Response) => {
  // ok: sg.ts.typed-handler
  res.send("fixed");
});
app.get("/c", (req: Incoming, res: Response) => {
  // ok: sg.ts.typed-handler
  res.send(req.query.name);
});

// ruleid: sg.ts.cast-to-eval
eval(userCode as string);
// ok: sg.ts.cast-to-eval
eval(userCode as number);

// ruleid: sg.ts.generic-parse
const cfg = JSON.parse<Config>(raw!);
// ok: sg.ts.generic-parse
const other = JSON.parse<Config>(raw);

// ruleid: sg.ts.interface-secret
interface Login { password: string }
// ok: sg.ts.interface-secret
interface Profile { name: string }
