import { Client, EqualityFilter, AndFilter } from 'ldapts';
import { Request, Response } from 'express';
const client = new Client({ url: 'ldaps://ldap.example.com' });
export async function lookup(req: Request, res: Response) {
  const { username } = req.body;
  const filter = new AndFilter({ filters: [
    new EqualityFilter({ attribute: 'objectClass', value: 'person' }),
    new EqualityFilter({ attribute: 'sAMAccountName', value: username }),
  ] });
  const { searchEntries } = await client.search('dc=example,dc=com', { scope: 'sub', filter });
  res.json(searchEntries);
}
