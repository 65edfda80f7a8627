// Cross-file test for js.taint.ssrf (ES modules): the request enters here,
// the requests are made in client.mjs (annotated there).
import express from 'express';
import { getJson, getStatus, getFixed } from './client.mjs';
import { configFrom } from './config.mjs';

const app = express();

app.get('/unfurl', async (req, res) => {
  res.json(await getJson(req.query.link));
});

app.get('/status', async (req, res) => {
  // Only the numeric port comes from the request.
  res.json(await getStatus(Number(req.query.port)));
});

app.post('/sync', async (req, res) => {
  // The field that reaches the sink is the constant one (field sensitivity
  // across a module boundary).
  const cfg = configFrom(req.body);
  res.json(await getFixed(cfg));
});

export default app;
