// An Express app in TypeScript rendering Pug views (views/*.pug).
import express, { Request, Response } from 'express';
import DOMPurify from 'isomorphic-dompurify';

const app = express();
app.set('view engine', 'pug');

// A typed handler: bio from the query.
app.get('/profile', (req: Request, res: Response) => {
  const bio = String(req.query.bio);
  res.render('profile', { bio, nick: 'guest' });
});

// Sanitised before the render.
app.get('/profile/safe', async (req: Request, res: Response): Promise<void> => {
  res.render('profile-safe', { bio: DOMPurify.sanitize(String(req.query.bio)) });
});

export default app;
