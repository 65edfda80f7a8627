#!/usr/bin/env node
// validate-spdx.js FILE... — check SPDX 2.3 JSON documents against what the
// SPDX 2.3 specification requires of the parts plugvet writes (document
// creation information, packages, relationships). No npm package was found
// that ships the official SPDX 2.3 JSON schema (see
// tests/data/schemas/PROVENANCE), so this is a structural check written
// from the specification's clauses, not the schema itself: required and
// allowed fields of the document, creationInfo, packages, checksums,
// externalRefs and relationships (the schema's additionalProperties: false),
// the SPDXID pattern and uniqueness, the enumerations (checksum algorithms,
// reference categories, package purposes, relationship types), timestamps,
// licence expression syntax, and that every relationship names an element
// of the document and the document DESCRIBES at least one.
// Prints "FILE: PATH message" per problem; exit 0 when all are valid.
'use strict';
const fs = require('fs');

const DOC_KEYS = ['$schema', 'SPDXID', 'annotations', 'comment', 'creationInfo', 'dataLicense',
  'externalDocumentRefs', 'hasExtractedLicensingInfos', 'name', 'revieweds', 'spdxVersion',
  'documentNamespace', 'documentDescribes', 'packages', 'files', 'snippets', 'relationships'];
const DOC_REQUIRED = ['SPDXID', 'creationInfo', 'dataLicense', 'name', 'spdxVersion', 'documentNamespace'];
const CREATION_KEYS = ['comment', 'created', 'creators', 'licenseListVersion'];
const PKG_KEYS = ['SPDXID', 'annotations', 'attributionTexts', 'builtDate', 'checksums', 'comment',
  'copyrightText', 'description', 'downloadLocation', 'externalRefs', 'filesAnalyzed', 'hasFiles',
  'homepage', 'licenseComments', 'licenseConcluded', 'licenseDeclared', 'licenseInfoFromFiles',
  'name', 'originator', 'packageFileName', 'packageVerificationCode', 'primaryPackagePurpose',
  'releaseDate', 'sourceInfo', 'summary', 'supplier', 'validUntilDate', 'versionInfo'];
const PKG_REQUIRED = ['SPDXID', 'downloadLocation', 'name'];
const ALGS = { SHA1: 40, SHA224: 56, SHA256: 64, SHA384: 96, SHA512: 128, MD5: 32 };
const REF_CATEGORIES = ['OTHER', 'PERSISTENT-ID', 'PERSISTENT_ID', 'SECURITY', 'PACKAGE-MANAGER',
  'PACKAGE_MANAGER'];
const PURPOSES = ['OTHER', 'INSTALL', 'ARCHIVE', 'FIRMWARE', 'APPLICATION', 'FRAMEWORK', 'LIBRARY',
  'CONTAINER', 'SOURCE', 'DEVICE', 'OPERATING-SYSTEM', 'FILE'];
const REL_TYPES = ['DESCRIBES', 'DESCRIBED_BY', 'CONTAINS', 'CONTAINED_BY', 'DEPENDS_ON',
  'DEPENDENCY_OF', 'DEPENDENCY_MANIFEST_OF', 'BUILD_DEPENDENCY_OF', 'DEV_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF', 'PROVIDED_DEPENDENCY_OF', 'TEST_DEPENDENCY_OF', 'RUNTIME_DEPENDENCY_OF',
  'EXAMPLE_OF', 'GENERATES', 'GENERATED_FROM', 'ANCESTOR_OF', 'DESCENDANT_OF', 'VARIANT_OF',
  'DISTRIBUTION_ARTIFACT', 'PATCH_FOR', 'PATCH_APPLIED', 'COPY_OF', 'FILE_ADDED', 'FILE_DELETED',
  'FILE_MODIFIED', 'EXPANDED_FROM_ARCHIVE', 'DYNAMIC_LINK', 'STATIC_LINK', 'DATA_FILE_OF',
  'TEST_CASE_OF', 'BUILD_TOOL_OF', 'DEV_TOOL_OF', 'TEST_OF', 'TEST_TOOL_OF', 'DOCUMENTATION_OF',
  'OPTIONAL_COMPONENT_OF', 'METAFILE_OF', 'PACKAGE_OF', 'AMENDS', 'PREREQUISITE_FOR',
  'HAS_PREREQUISITE', 'REQUIREMENT_DESCRIPTION_FOR', 'SPECIFICATION_FOR', 'OTHER'];
const SPDXID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$/;
const AGENT = /^(Person|Organization): \S/;

function checkDoc(doc, bad) {
  const isObj = (o) => o !== null && typeof o === 'object' && !Array.isArray(o);
  const keys = (o, allowed, where) => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) bad(`${where}`, `unknown property ${k}`);
  };
  const need = (o, req, where) => {
    for (const k of req) if (!(k in o)) bad(where, `missing required ${k}`);
  };
  const str = (v, where) => {
    if (typeof v !== 'string') bad(where, 'not a string');
    return typeof v === 'string';
  };
  if (!isObj(doc)) return bad('/', 'not an object');
  keys(doc, DOC_KEYS, '/');
  need(doc, DOC_REQUIRED, '/');
  if (doc.spdxVersion !== 'SPDX-2.3') bad('/spdxVersion', 'is not SPDX-2.3');
  if (doc.dataLicense !== 'CC0-1.0') bad('/dataLicense', 'must be CC0-1.0');
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') bad('/SPDXID', 'must be SPDXRef-DOCUMENT');
  str(doc.name, '/name');
  if (str(doc.documentNamespace, '/documentNamespace') &&
      (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(doc.documentNamespace) || doc.documentNamespace.includes('#')))
    bad('/documentNamespace', 'not an absolute URI without "#"');
  const ci = doc.creationInfo;
  if (isObj(ci)) {
    keys(ci, CREATION_KEYS, '/creationInfo');
    need(ci, ['created', 'creators'], '/creationInfo');
    if (!DATE.test(ci.created)) bad('/creationInfo/created', 'not an ISO 8601 UTC time');
    if (!Array.isArray(ci.creators) || ci.creators.length === 0) bad('/creationInfo/creators', 'must be a non-empty array');
    else ci.creators.forEach((c, i) => {
      if (!/^(Tool|Person|Organization): \S/.test(c)) bad(`/creationInfo/creators/${i}`, 'not "Tool: ", "Person: " or "Organization: "');
    });
  } else bad('/creationInfo', 'not an object');
  const ids = new Set(['SPDXRef-DOCUMENT']);
  (doc.packages || []).forEach((p, i) => checkPackage(p, `/packages/${i}`, ids, { isObj, keys, need, str, bad }));
  let describes = 0;
  (doc.relationships || []).forEach((r, i) => {
    const w = `/relationships/${i}`;
    if (!isObj(r)) return bad(w, 'not an object');
    keys(r, ['spdxElementId', 'relatedSpdxElement', 'relationshipType', 'comment'], w);
    need(r, ['spdxElementId', 'relatedSpdxElement', 'relationshipType'], w);
    if (!REL_TYPES.includes(r.relationshipType)) bad(`${w}/relationshipType`, `unknown type ${r.relationshipType}`);
    for (const k of ['spdxElementId', 'relatedSpdxElement'])
      if (!ids.has(r[k]) && !['NONE', 'NOASSERTION'].includes(r[k]) && !/^DocumentRef-[^:]+:SPDXRef-/.test(r[k]))
        bad(`${w}/${k}`, `names no element of the document: ${r[k]}`);
    if (r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES') describes++;
  });
  if (describes === 0 && !(doc.documentDescribes || []).length) bad('/relationships', 'the document DESCRIBES nothing');
}

// NONE, NOASSERTION or an expression: ids, LicenseRef-s, AND/OR/WITH, parentheses.
function licenseOk(s) {
  if (s === 'NONE' || s === 'NOASSERTION') return true;
  const toks = s.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let depth = 0, wantTerm = true;
  for (const t of toks) {
    if (t === '(' || t === ')') {
      depth += t === '(' ? 1 : -1;
      if (depth < 0 || wantTerm !== (t === '(')) return false;
    } else if (['AND', 'OR', 'WITH'].includes(t)) {
      if (wantTerm) return false;
      wantTerm = true;
    } else {
      if (!wantTerm || !/^((DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9.-]+\+?)$/.test(t)) return false;
      wantTerm = false;
    }
  }
  return depth === 0 && !wantTerm;
}

function checkPackage(p, w, ids, h) {
  const { isObj, keys, need, str, bad } = h;
  if (!isObj(p)) return bad(w, 'not an object');
  keys(p, PKG_KEYS, w);
  need(p, PKG_REQUIRED, w);
  if (!SPDXID.test(p.SPDXID)) bad(`${w}/SPDXID`, `does not match ^SPDXRef-[A-Za-z0-9.-]+$: ${p.SPDXID}`);
  if (ids.has(p.SPDXID)) bad(`${w}/SPDXID`, `not unique: ${p.SPDXID}`);
  ids.add(p.SPDXID);
  str(p.name, `${w}/name`);
  if ('versionInfo' in p) str(p.versionInfo, `${w}/versionInfo`);
  if (str(p.downloadLocation, `${w}/downloadLocation`) && !['NONE', 'NOASSERTION'].includes(p.downloadLocation) &&
      !/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(p.downloadLocation))
    bad(`${w}/downloadLocation`, 'neither NONE, NOASSERTION nor a URL');
  if ('filesAnalyzed' in p && typeof p.filesAnalyzed !== 'boolean') bad(`${w}/filesAnalyzed`, 'not a boolean');
  if (p.filesAnalyzed === false && 'packageVerificationCode' in p) bad(w, 'a verification code with filesAnalyzed false');
  if (p.filesAnalyzed !== false && !('packageVerificationCode' in p)) bad(w, 'files analyzed but no verification code');
  for (const k of ['supplier', 'originator'])
    if (k in p && p[k] !== 'NOASSERTION' && !AGENT.test(p[k])) bad(`${w}/${k}`, 'neither NOASSERTION nor "Person: "/"Organization: "');
  for (const k of ['licenseConcluded', 'licenseDeclared'])
    if (k in p && !licenseOk(p[k])) bad(`${w}/${k}`, `not a licence expression: ${p[k]}`);
  if ('primaryPackagePurpose' in p && !PURPOSES.includes(p.primaryPackagePurpose)) bad(`${w}/primaryPackagePurpose`, 'unknown purpose');
  (p.checksums || []).forEach((c, i) => {
    const cw = `${w}/checksums/${i}`;
    keys(c, ['algorithm', 'checksumValue'], cw);
    if (!(c.algorithm in ALGS)) bad(`${cw}/algorithm`, `unknown or unexpected algorithm ${c.algorithm}`);
    else if (!new RegExp(`^[0-9a-f]{${ALGS[c.algorithm]}}$`).test(c.checksumValue)) bad(`${cw}/checksumValue`, 'not lower-case hex of the algorithm\'s length');
  });
  (p.externalRefs || []).forEach((r, i) => {
    const rw = `${w}/externalRefs/${i}`;
    keys(r, ['comment', 'referenceCategory', 'referenceLocator', 'referenceType'], rw);
    need(r, ['referenceCategory', 'referenceLocator', 'referenceType'], rw);
    if (!REF_CATEGORIES.includes(r.referenceCategory)) bad(`${rw}/referenceCategory`, `unknown category ${r.referenceCategory}`);
    if (typeof r.referenceLocator !== 'string' || /\s/.test(r.referenceLocator) || r.referenceLocator === '') bad(`${rw}/referenceLocator`, 'empty or has spaces');
    if (r.referenceType === 'purl' && !/^pkg:[a-z]+\/\S+$/.test(r.referenceLocator)) bad(`${rw}/referenceLocator`, 'not a purl');
  });
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: validate-spdx.js FILE...');
  process.exit(2);
}
let failed = 0;
for (const f of files) {
  let doc, n = 0;
  try {
    doc = JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch (e) {
    console.log(`${f}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  checkDoc(doc, (where, msg) => {
    if (n++ < 20) console.log(`${f}: ${where} ${msg}`);
  });
  if (n) failed++;
}
process.exit(failed ? 1 : 0);
