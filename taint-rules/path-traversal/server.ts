// Cross-file test for js.taint.path-traversal (TypeScript modules): request
// values enter here; the file calls are in storage.ts (annotated there).
import express, { Request, Response } from 'express';
import { readNote, readAvatar, writeExport } from './storage';

const app = express();

app.get('/notes/:name', (req: Request, res: Response) => {
  res.send(readNote(req.params.name));
});

app.get('/avatar/:user', (req: Request, res: Response) => {
  res.send(readAvatar(req.params.user));
});

app.post('/export', (req: Request, res: Response) => {
  // Only the page count is outside input, as a number.
  writeExport(Number(req.body.pages));
  res.end();
});

export default app;
