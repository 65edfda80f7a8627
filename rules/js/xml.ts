// TypeScript tests for xml.yaml (libxmljs 1.x flags, typed options).
import { parseXml, XMLParseFlags, XMLParseOptions } from 'libxmljs';
import * as libxmljs2 from 'libxmljs2';
import { XMLParser, X2jOptions } from 'fast-xml-parser';
import type { Request } from 'express';

export function parseUpload(req: Request): unknown {
  const opts: XMLParseOptions = {
    // ruleid: js.xml.libxml-entity-substitution
    flags: [XMLParseFlags.XML_PARSE_NOENT, XMLParseFlags.XML_PARSE_RECOVER],
  };
  return parseXml(String(req.body), opts);
}

export function withDtd(xml: string): unknown {
  // ruleid: js.xml.libxml-external-dtd
  return parseXml(xml, { flags: [XMLParseFlags.XML_PARSE_DTDLOAD] });
}

export function withInclude(xml: string): unknown {
  // ruleid: js.xml.libxml-external-dtd
  return libxmljs2.parseXml(xml, { xinclude: true } as libxmljs2.ParserOptions);
}

export function recoverOnly(xml: string): unknown {
  // ok: js.xml.libxml-entity-substitution, js.xml.libxml-external-dtd, js.xml.libxml-huge
  return parseXml(xml, { flags: [XMLParseFlags.XML_PARSE_RECOVER, XMLParseFlags.XML_PARSE_NONET] });
}

export function hugeDoc(xml: string): unknown {
  // ruleid: js.xml.libxml-huge
  return parseXml(xml, { flags: [XMLParseFlags.XML_PARSE_HUGE] });
}

export async function legacy(read: () => Promise<string>): Promise<unknown> {
  // ruleid: js.xml.libxml-entity-substitution
  const doc = libxmljs2.parseXmlString(await read(), { noent: true, huge: false });
  // ok: js.xml.libxml-entity-substitution
  const safe = libxmljs2.parseXmlString(await read(), { noent: false });
  return [doc, safe];
}

const limits: X2jOptions = {
  processEntities: {
    enabled: true,
    // ruleid: js.xml.fast-xml-parser-entity-limits
    maxEntityCount: Number.POSITIVE_INFINITY,
    // ok: js.xml.fast-xml-parser-entity-limits
    maxExpandedLength: 200_000,
  },
};
export const parser = new XMLParser(limits);

// The old xmldom package name, in ES module shapes.
// ruleid: js.xml.xmldom-unmaintained
import { DOMParser as OldParser } from 'xmldom';
// ok: js.xml.xmldom-unmaintained
import { DOMParser as NewParser } from '@xmldom/xmldom';
export async function lazyParser(): Promise<unknown> {
  // ruleid: js.xml.xmldom-unmaintained
  const mod = await import('xmldom');
  // ok: js.xml.xmldom-unmaintained
  const scoped = await import('@xmldom/xmldom');
  return [mod, scoped, OldParser, NewParser];
}
