// The WeChat Official Account callback protocol in plaintext mode (明文模式): the server check's signature,
// the flat `<xml>` messages WeChat posts, and the passive text reply. Safe mode (AES-encrypted bodies) is
// not supported: its messages carry only `<Encrypt>` and are answered as messages of no known type.
import { createHash, timingSafeEqual } from 'node:crypto';

/** sha1 of token, timestamp and nonce sorted and joined, as hex: what WeChat sends as `signature`. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** How far a request's timestamp may be from our clock: a captured request cannot be replayed later,
 *  and within it the message table (30 minutes) recognises the repeat. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

/** True when the query is signed with `token` and its timestamp is recent. */
export function isSignedByWechat(token: string, query: Record<string, unknown>, now: Date): boolean {
  const { signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string')
    return false;
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return false;
  const expected = Buffer.from(wechatSignature(token, timestamp, nonce));
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A message as WeChat posts it: each child of `<xml>` by name (CreateTime, MsgType, Content, …). */
export type WechatMessage = Readonly<Record<string, string>> & {
  ToUserName: string;
  FromUserName: string;
  CreateTime: string;
  MsgType: string;
};

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(ENTITY, (whole, dec: string, hex: string, name: string) => {
    if (name) return NAMED[name]!;
    const code = dec ? Number(dec) : Number.parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/;
// A leaf element: CDATA or plain text. Nested structures (some events carry them) are skipped whole,
// their leaves read as if they were top-level, which no field we use collides with.
const LEAF = /<([A-Za-z_][A-Za-z0-9_]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;

/**
 * The fields of a posted message, or null when it is not one. WeChat's messages are a flat `<xml>` of
 * leaves, so this reads that and nothing more: no DTD, no entities beyond XML's five and character
 * references (a body declaring any is refused, so nothing can expand or fetch).
 */
export function parseWechatMessage(body: string): WechatMessage | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) return null;
  const root = ROOT.exec(body);
  if (!root) return null;
  const fields: Record<string, string> = {};
  for (const m of root[1]!.matchAll(LEAF)) fields[m[1]!] = m[2] ?? decodeText(m[3] ?? '');
  const { ToUserName, FromUserName, CreateTime, MsgType } = fields;
  if (!ToUserName || !FromUserName || !CreateTime || !MsgType) return null;
  return fields as WechatMessage;
}

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text inside CDATA: characters XML cannot carry dropped, and `]]>` split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML_CHAR, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** WeChat shows at most 2,048 bytes of a passive text reply. */
const MAX_REPLY_BYTES = 2048;

/** `text` cut to whole characters within `bytes` of UTF-8. */
export function fitBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char);
    if (used > bytes - 3) break;
    out += char;
  }
  return `${out}…`;
}

/** The passive text reply to `message`: addressed back to its sender, from the account it was sent to. */
export function textReply(message: WechatMessage, content: string, now: Date): string {
  return (
    '<xml>' +
    `<ToUserName>${cdata(message.FromUserName)}</ToUserName>` +
    `<FromUserName>${cdata(message.ToUserName)}</FromUserName>` +
    `<CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(fitBytes(content, MAX_REPLY_BYTES))}</Content>` +
    '</xml>'
  );
}
