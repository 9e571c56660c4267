// The XML side of GeoReport v2. The spec's JSON is a mechanical mapping of its XML (the "Spark
// convention"): a JSON array is an element whose children repeat one item name (`services` → `service`),
// an object is an element with one child per key, null is an empty element. So each response is built
// once as plain data and written in either format; this file writes the XML, by hand, because a
// dependency for five element kinds would be heavier than the code.

export type XmlValue = string | number | boolean | null | undefined | readonly XmlValue[] | XmlObject;
export interface XmlObject {
  readonly [key: string]: XmlValue;
}

/** The item element of each list the spec defines, by the list's element name. */
const LIST_ITEMS: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Everything XML 1.0 allows in a document (its `Char` production); the rest (most control characters,
// lone surrogates, U+FFFE/U+FFFF) cannot be written even as a reference, so it is dropped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Text as XML character data: markup characters escaped, characters XML cannot carry removed. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function element(name: string, value: XmlValue): string {
  // Names come from this module's own response shapes, never from input; a bad one is a programming error.
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = LIST_ITEMS[name];
    if (!item) throw new Error(`no item element for the list ${name}`);
    return value.length === 0
      ? `<${name}/>`
      : `<${name}>${value.map((v: XmlValue) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as XmlObject)
      .map(([key, v]) => element(key, v))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration the spec requires, then `root` holding `value`. */
export function xmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}
