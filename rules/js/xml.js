// Tests for xml.yaml.
const libxmljs = require('libxmljs');
const { parseXmlString } = require('libxmljs2');
const { XMLParser } = require('fast-xml-parser');
const sax = require('sax');
const xml2js = require('xml2js');

function fromRequest(req) {
  // ruleid: js.xml.libxml-entity-substitution
  return libxmljs.parseXml(req.body, { noent: true });
}

function renamed(body) {
  // ruleid: js.xml.libxml-entity-substitution
  const doc = parseXmlString(body, { noblanks: true, noent: 1 });
  return doc.root();
}

// Options kept in a constant and passed later.
// ruleid: js.xml.libxml-entity-substitution
const PARSE_OPTS = { recover: true, noent: !0, nonet: true };
async function later(readBody) {
  return libxmljs.Document.fromXml(await readBody(), PARSE_OPTS);
}

function safeDefaults(body) {
  // ok: js.xml.libxml-entity-substitution
  return libxmljs.parseXml(body);
}

function explicitOff(body) {
  // ok: js.xml.libxml-entity-substitution
  return libxmljs.parseXml(body, { noent: false, nonet: true });
}

// ok: js.xml.libxml-entity-substitution
const described = { noent: 'substitute entities' === '' };

function dtd(body) {
  // ruleid: js.xml.libxml-external-dtd
  return libxmljs.parseXml(body, { dtdload: true, dtdvalid: false });
}

function validated(body) {
  // ruleid: js.xml.libxml-external-dtd
  return parseXmlString(body, { 'dtdvalid': 1 });
}

function includes(body) {
  // ruleid: js.xml.libxml-external-dtd
  return libxmljs.parseXml(body, { xinclude: true, nonet: true });
}

function network(body) {
  // ruleid: js.xml.libxml-external-dtd
  return libxmljs.parseXml(body, { nonet: false });
}

function dtdOff(body) {
  // ok: js.xml.libxml-external-dtd
  return libxmljs.parseXml(body, { dtdload: false, dtdvalid: false, nonet: true });
}

// A bundler config with a `dtdload`-like word is not an XML option.
// ok: js.xml.libxml-external-dtd
const loaders = { dtdLoader: true, include: true };

function big(body) {
  // ruleid: js.xml.libxml-huge
  return libxmljs.parseXml(body, { huge: true, noblanks: true });
}

function bigWithUrl(body) {
  // ruleid: js.xml.libxml-huge
  return parseXmlString(body, { baseUrl: 'file:///srv/', huge: true });
}

// ok: js.xml.libxml-huge
const chart = { huge: true, label: 'size' };

function small(body) {
  // ok: js.xml.libxml-huge
  return libxmljs.parseXml(body, { huge: false, noblanks: true });
}

const unlimited = new XMLParser({
  processEntities: {
    enabled: true,
    // ruleid: js.xml.fast-xml-parser-entity-limits
    maxTotalExpansions: Infinity,
    // ruleid: js.xml.fast-xml-parser-entity-limits
    maxExpandedLength: Number.MAX_SAFE_INTEGER,
    // ok: js.xml.fast-xml-parser-entity-limits
    maxEntityCount: 50,
  },
});

function parseBig(text) {
  const p = new XMLParser({
    ignoreAttributes: false,
    // ruleid: js.xml.fast-xml-parser-entity-limits
    processEntities: { maxEntitySize: 1e9 },
  });
  return p.parse(text);
}

// ok: js.xml.fast-xml-parser-entity-limits
const defaults = new XMLParser({ processEntities: true });
// ok: js.xml.fast-xml-parser-entity-limits
const noDoctype = new XMLParser({ processEntities: false, htmlEntities: true });
// ok: js.xml.fast-xml-parser-entity-limits
const pager = { maxTotalExpansions: Infinity };

function saxWithDoctype(xml, fetchDtd) {
  const parser = sax.parser(true);
  parser.ondoctype = function (doctype) {
    for (const [name, value] of readEntities(doctype)) {
      // ruleid: js.xml.sax-doctype-entities
      parser.ENTITIES[name] = value;
    }
  };
  parser.write(xml).close();
}

function saxStream(stream) {
  const s = sax.createStream(true, {});
  s.on('doctype', async (dt) => {
    // ruleid: js.xml.sax-doctype-entities
    Object.assign(s._parser.ENTITIES, await loadDtd(dt));
  });
  stream.pipe(s);
}

function saxArrow(xml) {
  const parser = sax.parser(false);
  parser.ondoctype = (dt) => {
    const ents = readEntities(dt);
    // ruleid: js.xml.sax-doctype-entities
    ents.forEach(([k, v]) => { parser.ENTITIES[k] = v; });
  };
  parser.write(xml).close();
}

function saxFixed(xml) {
  const parser = sax.parser(true);
  // ok: js.xml.sax-doctype-entities
  parser.ENTITIES.nbsp = '\u00a0';
  // ok: js.xml.sax-doctype-entities
  parser.ENTITIES['copy'] = '\u00a9';
  parser.ondoctype = (dt) => {
    // ok: js.xml.sax-doctype-entities
    console.log(parser.ENTITIES[dt]);
  };
  parser.write(xml).close();
}

// ruleid: js.xml.xmldom-unmaintained
const { DOMParser } = require('xmldom');
// ok: js.xml.xmldom-unmaintained
const { DOMParser: Scoped } = require('@xmldom/xmldom');
// ok: js.xml.xmldom-unmaintained
const dom = require('xmldom-ts');
// ruleid: js.xml.xmldom-unmaintained
const { XMLSerializer } = require('xmldom/lib/dom');
// ok: js.xml.xmldom-unmaintained
const xmldom = 'xmldom';

// xml2js has no DTD or entity support: no finding.
// ok: js.xml.libxml-entity-substitution, js.xml.libxml-external-dtd
xml2js.parseString('<a/>', { explicitArray: false }, () => {});

function readEntities() { return []; }
async function loadDtd() { return {}; }
module.exports = { fromRequest, renamed, later, safeDefaults, explicitOff, described, dtd, validated, includes, network, dtdOff, loaders, big, bigWithUrl, chart, small, unlimited, parseBig, defaults, noDoctype, pager, saxWithDoctype, saxStream, saxArrow, saxFixed, DOMParser, Scoped, dom, XMLSerializer, xmldom };
