const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');

module.exports = function extract(zipFile, dest) {
  return fs.createReadStream(zipFile)
    .pipe(unzipper.Parse())
    .on('entry', (entry) => {
      const out = path.join(dest, entry.path);
      if (!out.startsWith(path.resolve(dest) + path.sep)) {
        entry.autodrain();
        return;
      }
      entry.pipe(fs.createWriteStream(out));
    });
};
