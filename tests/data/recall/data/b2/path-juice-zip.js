const unzipper = require('unzipper');
const fs = require('fs');
const { Readable } = require('stream');

function handleZipFileUpload ({ file }, res, next) {
  const buffer = file.buffer;
  Readable.from(buffer).pipe(unzipper.Parse())
    .on('entry', function (entry) {
      const fileName = entry.path;
      const absolutePath = '/srv/uploads/complaints/' + fileName;
      entry.pipe(fs.createWriteStream(absolutePath));
    });
  res.status(204).end();
}
module.exports = { handleZipFileUpload };
