import { IncomingMessage, ServerResponse } from 'http';
import { parse } from 'url';
export function handle(req: IncomingMessage, res: ServerResponse) {
  const { query } = parse(req.url ?? '', true);
  res.writeHead(200, { 'X-Lang': String(query.lang) });
  res.end();
}
