const functions = require('@google-cloud/functions-framework');
const { exec } = require('child_process');

functions.http('thumb', (req, res) => {
  exec(`ffmpeg -i ${req.query.src} -vframes 1 /tmp/t.png`, (err) => res.sendStatus(err ? 500 : 200));
});
