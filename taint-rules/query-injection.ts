// Tests for query-injection.yaml (TypeScript).
import { Client, EqualityFilter, AndFilter } from 'ldapts';
import * as xpath from 'xpath';
import { Request, Response } from 'express';
const client = new Client({ url: 'ldaps://ldap.example.com' });

export async function lookup(req: Request, res: Response) {
  const { username } = req.body;
  const { searchEntries } = await client.search('dc=example,dc=com', {
    scope: 'sub',
    // ruleid: js.taint.ldap-injection
    filter: `(&(objectClass=person)(sAMAccountName=${username}))`,
  });
  const filter = new AndFilter({ filters: [
    new EqualityFilter({ attribute: 'objectClass', value: 'person' }),
    new EqualityFilter({ attribute: 'sAMAccountName', value: username }),
  ] });
  // ok: js.taint.ldap-injection
  const safe = await client.search('dc=example,dc=com', { scope: 'sub', filter });
  res.json([searchEntries, safe]);
}

export function find({ query }: Request, res: Response) {
  // ruleid: js.taint.xpath-injection
  const r = xpath.select(`//book[@title='${query.title}']`, doc);
  // ok: js.taint.xpath-injection
  const all = xpath.select('//book', doc);
  res.json([r, all]);
}

const params = new URLSearchParams(location.search);
// ruleid: js.taint.xpath-injection
const hit = document.evaluate(`//section[@title='${params.get('q')}']`, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
// ok: js.taint.xpath-injection
const first = document.evaluate('//section[1]', document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
