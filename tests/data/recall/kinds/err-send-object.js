const router = require('express').Router();
router.post('/orders', (req, res) => {
  createOrder(req.body)
    .then((o) => res.json(o))
    .catch((error) => res.status(500).send(error));
});
module.exports = router;
