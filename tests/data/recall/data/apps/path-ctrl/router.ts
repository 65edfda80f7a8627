import { Router } from 'express';
import { getReport } from './reports.controller';

const router = Router();
router.get('/reports/:name', getReport);
export default router;
