// A well-behaved plugin: reads its own files, computes, prints a result.
// Under the tightest policy it must run normally (tests/cli/55-run-node.t).
'use strict';
const fs = require('fs');
const path = require('path');
const data = JSON.parse(fs.readFileSync(path.join(__dirname, 'data.json'), 'utf8'));
const pkg = require('./package.json');
const sum = data.numbers.reduce((a, b) => a + b, 0);
const scratch = path.join(require('os').tmpdir(), 'cache.txt');
fs.writeFileSync(scratch, String(sum));
console.log(`${pkg.name}: sum=${fs.readFileSync(scratch, 'utf8')}`);
