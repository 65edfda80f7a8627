const express = require('express');
const itemsDao = require('../data/items-dao');
const router = express.Router();

router.post('/items/search', async (req, res, next) => {
  try {
    const items = await itemsDao.search(req.body.criteria);
    res.json(items);
  } catch (e) { next(e); }
});
module.exports = router;
