const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
const yauzl = require('yauzl');
const tar = require('tar');
const tarStream = require('tar-stream');
const AdmZip = require('adm-zip');

// unzipper: entry.path is the name stored in the archive (it may hold ../).
fs.createReadStream('plugin.zip')
  .pipe(unzipper.Parse())
  .on('entry', (entry) => {
    // ruleid: test.sources.archive-entry
    entry.pipe(fs.createWriteStream(path.join('out', entry.path)));
  });
fs.createReadStream('plugin.zip')
  .pipe(unzipper.Parse())
  .on('entry', (entry) => {
    // ok: test.sources.archive-entry
    entry.pipe(fs.createWriteStream(path.join('out', path.basename(entry.path))));
  });

// yauzl.
yauzl.open('plugin.zip', { lazyEntries: true }, (err, zipfile) => {
  zipfile.on('entry', (entry) => {
    // ruleid: test.sources.archive-entry
    fs.writeFileSync(path.resolve('out', entry.fileName), '');
    // ok: test.sources.archive-entry
    fs.writeFileSync(path.resolve('out', String(entry.uncompressedSize)), '');
  });
});

// tar: onentry.
tar.t({
  file: 'plugin.tgz',
  onentry: (entry) => {
    // ruleid: test.sources.archive-entry
    fs.writeFileSync('out/' + entry.path, '');
  },
});

// tar-stream: the header of each entry.
const extract = tarStream.extract();
extract.on('entry', (header, stream, next) => {
  // ruleid: test.sources.archive-entry
  stream.pipe(fs.createWriteStream(path.join('out', header.name)));
  stream.on('end', next);
});

// adm-zip.
const zip = new AdmZip('plugin.zip');
zip.getEntries().forEach((e) => {
  // ruleid: test.sources.archive-entry
  fs.writeFileSync(path.join('out', e.entryName), e.getData());
  // ok: test.sources.archive-entry
  fs.writeFileSync(path.join('out', 'fixed.bin'), e.getData());
});

// Other 'entry'-free events and fixed names are not archive input.
emitter.on('change', (entry) => {
  // ok: test.sources.archive-entry
  fs.writeFileSync(path.join('out', entry.path), '');
});
