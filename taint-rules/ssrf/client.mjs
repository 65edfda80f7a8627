// Sinks of the cross-file test; callers are in routes.mjs.
import axios from 'axios';

export async function getJson(link) {
  // routes.mjs passes req.query.link.
  // ruleid: js.taint.ssrf
  const r = await axios.get(link);
  return r.data;
}

export async function getStatus(port) {
  // routes.mjs passes Number(req.query.port).
  // ok: js.taint.ssrf
  const r = await fetch(`http://127.0.0.1:${port}/health`);
  return r.status;
}

export async function getFixed(cfg) {
  // cfg.endpoint is a constant; cfg.name (tainted) goes into the body:
  // configFrom() returns an object field by field, across the module
  // boundary, and only cfg.endpoint reaches the URL.
  // ok: js.taint.ssrf
  const r = await axios.post(cfg.endpoint, { name: cfg.name });
  return r.data;
}
