import { XMLParser } from 'fast-xml-parser';

/** Tags WeCom repeats; always arrays so a single occurrence does not change the shape. */
const REPEATED = new Set([
  'xml.SelectedItems.SelectedItem',
  'xml.SelectedItems.SelectedItem.OptionIds.OptionId',
  'xml.SendPicsInfo.PicList.item',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // MsgId exceeds 2^53: every value stays a string.
  processEntities: true, // only the five predefined entities: DOCTYPE is refused before parsing
  htmlEntities: false,
  trimValues: true,
  isArray: (_name, jpath) => REPEATED.has(String(jpath)),
});

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export type XmlNode = string | XmlObject | XmlNode[];
export interface XmlObject {
  [key: string]: XmlNode;
}

/** Parses a WeCom `<xml>…</xml>` document. DTDs are refused outright: no entity expansion, ever. */
export function parseWecomXml(text: string): XmlObject {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlError('DTD not allowed');
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (error) {
    throw new XmlError(`malformed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const root = (doc as { xml?: unknown } | undefined)?.xml;
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    throw new XmlError('no <xml> root element');
  return root as XmlObject;
}

export function text(node: XmlObject, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

/** WeCom's envelope: `<xml>` holding ToUserName, AgentID and the one field that matters, Encrypt. */
const ENVELOPE = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>[\s\S]*<\/xml>\s*$/;
const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))\s*<\/Encrypt>/;

/**
 * The Encrypt value of a callback envelope, without a full parse: the envelope has a fixed shape and nothing
 * in it but Encrypt is used (the signature covers Encrypt only), so the one real parse is of the decrypted
 * message. Refuses what parseWecomXml refuses here: DTDs, a body that is not an `<xml>` document.
 */
export function envelopeEncrypt(body: string): string | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new XmlError('DTD not allowed');
  if (!ENVELOPE.test(body)) throw new XmlError('no <xml> root element');
  const match = ENCRYPT.exec(body);
  return (match?.[1] ?? match?.[2])?.trim() || undefined;
}
