import session from 'express-session';
import express from 'express';
const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, httpOnly: true, sameSite: 'strict' } }));
