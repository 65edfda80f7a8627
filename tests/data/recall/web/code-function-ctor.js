const express = require('express');
const app = express();
app.use(express.json());

app.post('/filter', (req, res) => {
  const predicate = new Function('item', 'return ' + req.body.condition + ';');
  const items = [{ n: 1 }, { n: 2 }];
  res.json(items.filter(predicate));
});
