import { parseXml } from 'libxmljs2';
export function parse(xml: string) {
  return parseXml(xml, { noent: true, dtdload: true });
}
