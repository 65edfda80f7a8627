import { createHash } from 'node:crypto';
export const sign = (body: string) => createHash('sha1').update(body).digest('base64');
