import { Router } from 'express';
import { search, log, health } from './controller';
import { runFixed } from './git';

const router = Router();
router.get('/search', search);
router.get('/log/:branch', log);
router.get('/health', health);
runFixed('uptime');
export default router;
