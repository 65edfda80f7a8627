import jwt from 'jsonwebtoken';
export const issue = (sub: string) => jwt.sign({ sub }, 'my-super-secret-key', { expiresIn: '1h' });
