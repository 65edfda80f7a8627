#!/usr/bin/env node
// validate-cyclonedx.js VERSION FILE... — validate CycloneDX JSON files with
// the official @cyclonedx/cyclonedx-library validator (JsonStrictValidator:
// the bundled schema, no additional properties), pinned in tests/package.json.
// VERSION is "1.5" or "1.6". Exit 0 when every file is valid, 1 otherwise,
// 2 on usage errors or when the library cannot validate.
'use strict';
const fs = require('fs');
const path = require('path');
const mods = path.join(__dirname, '..', 'build', 'node', 'node_modules');
const CDX = require(path.join(mods, '@cyclonedx', 'cyclonedx-library'));

const [version, ...files] = process.argv.slice(2);
const versions = { '1.5': CDX.Spec.Version.v1dot5, '1.6': CDX.Spec.Version.v1dot6 };
if (!versions[version] || files.length === 0) {
  console.error('usage: validate-cyclonedx.js 1.5|1.6 FILE...');
  process.exit(2);
}

async function main() {
  const validator = new CDX.Validation.JsonStrictValidator(versions[version]);
  let bad = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    try {
      JSON.parse(text);
    } catch (e) {
      console.log(`${f}: not JSON: ${e.message}`);
      bad++;
      continue;
    }
    const errors = await validator.validate(text);
    if (errors === null) continue;
    bad++;
    const list = Array.isArray(errors) ? errors : [errors];
    for (const e of list.slice(0, 20))
      console.log(`${f}: ${e.instancePath || '/'} ${e.message || JSON.stringify(e)}`);
  }
  return bad ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`validate-cyclonedx: ${e.message}`);
  process.exit(2);
});
