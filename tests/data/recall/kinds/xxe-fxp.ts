import { XMLParser } from 'fast-xml-parser';
export function parse(xml: string) {
  return new XMLParser({ ignoreAttributes: false }).parse(xml);
}
