const express = require('express');
const router = express.Router();

router.get('/api/echo', (req, res) => {
  const { msg } = req.query;
  res.json({ msg, at: Date.now() });
});

module.exports = router;
