import libxml from 'libxmljs';
export const load = (xml) => libxml.parseXmlString(xml, { noent: true, nonet: false });
