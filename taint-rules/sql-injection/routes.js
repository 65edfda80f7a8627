// Cross-file test for js.taint.sql-injection and js.taint.nosql-injection:
// the request values enter here and reach the sinks in the data modules
// (annotated there). Their exports are named like String and Array methods
// (search, replace, filter, includes, slice): a call into a module of the input
// follows that module, not the model of the method of the same name.
const express = require('express');
const items = require('./items-dao');
const users = require('./users-dao');

const router = express.Router();

router.get('/items', async (req, res) => {
  res.json(await items.search(req.query.term));
});

router.get('/items/safe', async (req, res) => {
  res.json(await items.searchSafe(req.query.term));
});

router.post('/items/rename', async (req, res) => {
  await items.replace(req.body.from, req.body.to);
  res.end();
});

router.post('/users/filter', async (req, res) => {
  res.json(await users.filter(req.body.filter));
});

router.post('/users/has', async (req, res) => {
  res.json(await users.includes(String(req.body.name)));
});

router.post('/users/slice', async (req, res) => {
  res.json(await users.slice(req.body.filter));
});

module.exports = router;
