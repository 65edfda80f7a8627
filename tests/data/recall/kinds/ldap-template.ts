import { Client } from 'ldapts';
import { Request, Response } from 'express';
const client = new Client({ url: 'ldaps://ldap.example.com' });
export async function lookup(req: Request, res: Response) {
  const { username } = req.body;
  const { searchEntries } = await client.search('dc=example,dc=com', {
    scope: 'sub',
    filter: `(&(objectClass=person)(sAMAccountName=${username}))`,
  });
  res.json(searchEntries);
}
