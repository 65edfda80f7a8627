import { Request, Response, Router } from 'express';

class SearchController {
  async search(req: Request, res: Response): Promise<void> {
    const term = req.query.term as string;
    const results: string[] = [];
    res.status(200).send(`<h2>Results for ${term}</h2><ul>${results.join('')}</ul>`);
  }
}

const ctrl = new SearchController();
export const router = Router();
router.get('/search', (req, res) => ctrl.search(req, res));
