const express = require('express');
const app = express();

app.use('/theme', (req, res, next) => express.static(req.query.theme)(req, res, next));
app.listen(3000);
