import jwt from 'jsonwebtoken';
export const issue = (sub: string) => jwt.sign({ sub }, process.env.JWT_SECRET as string, { expiresIn: '1h' });
