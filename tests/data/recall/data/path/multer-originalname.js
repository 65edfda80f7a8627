const express = require('express');
const multer = require('multer');
const fs = require('fs');
const upload = multer({ storage: multer.memoryStorage() });
const app = express();

app.post('/upload', upload.single('doc'), (req, res) => {
  fs.writeFileSync('/srv/uploads/' + req.file.originalname, req.file.buffer);
  res.sendStatus(201);
});
