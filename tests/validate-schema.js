#!/usr/bin/env node
// validate-schema.js SCHEMA.json FILE... — validate JSON files against an
// official schema with ajv (draft-04 schemas through ajv-draft-04, draft-07
// through ajv). Every other *.schema.json beside SCHEMA is preloaded so that
// cross-file $refs (CycloneDX → spdx, jsf) resolve. Exit 0 when all valid.
'use strict';
const fs = require('fs');
const path = require('path');
const mods = path.join(__dirname, '..', 'build', 'node', 'node_modules');
const need = (m) => require(path.join(mods, m));

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: validate-schema.js SCHEMA.json FILE...');
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const draft04 = String(schema.$schema || '').includes('draft-04');
const Ajv = draft04 ? need('ajv-draft-04') : need('ajv').default;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
need('ajv-formats')(ajv);
const dir = path.dirname(schemaPath);
for (const f of fs.readdirSync(dir)) {
  const p = path.join(dir, f);
  if (!f.endsWith('.schema.json') || path.resolve(p) === path.resolve(schemaPath)) continue;
  const other = JSON.parse(fs.readFileSync(p, 'utf8'));
  const otherDraft04 = String(other.$schema || '').includes('draft-04');
  if (other.$id && otherDraft04 === draft04) {
    try { ajv.addSchema(other); } catch (e) { /* a schema of another family */ }
  }
}
const validate = ajv.compile(schema);
let bad = 0;
for (const f of files) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch (e) {
    console.log(`${f}: not JSON: ${e.message}`);
    bad++;
    continue;
  }
  if (validate(doc)) continue;
  bad++;
  for (const e of validate.errors.slice(0, 20)) console.log(`${f}: ${e.instancePath || '/'} ${e.message}`);
}
process.exit(bad ? 1 : 0);
