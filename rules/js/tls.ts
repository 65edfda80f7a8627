// TypeScript tests for tls.yaml.
import * as tls from 'node:tls';
import { MongoClient, MongoClientOptions } from 'mongodb';

export function serve(key: Buffer, cert: Buffer): tls.Server {
  // ruleid: js.tls.weak-ciphers
  return tls.createServer({ key, cert, ciphers: 'AES128-SHA:EXP-RC4-MD5' as string });
}
// ok: js.tls.weak-ciphers
export const strong: tls.TlsOptions = { ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384:!aNULL' };

const opts: MongoClientOptions = {
  tls: true,
  // ruleid: js.tls.db-certificate-checks-off
  tlsAllowInvalidHostnames: true,
};
// ok: js.tls.db-certificate-checks-off
const safe: MongoClientOptions = { tls: true, tlsCAFile: process.env.MONGO_CA as string };
export const client = new MongoClient(process.env.MONGO_URI as string, opts);
// ruleid: js.tls.reject-unauthorized-false
export const pgSsl = { ssl: { rejectUnauthorized: false } as tls.ConnectionOptions };
// ok: js.tls.reject-unauthorized-false
export const pgSsl2 = { ssl: { rejectUnauthorized: true, ca: process.env.PG_CA } };
