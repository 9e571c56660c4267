// What the one search box means: a full identity number or mobile number (looked up by keyed hash),
// digits (the end of an identity number), latin letters (pinyin initials), or the start of a name.
import { checkIdNumber, isMobileNumber, normalizeIdNumber, normalizeMobileNumber } from '@civgrid/domain';
import type { FieldCrypto } from '../../../platform/crypto.ts';
import type { PersonSearch } from './repository.ts';

export function interpretPersonSearch(q: string | undefined, crypto: FieldCrypto): PersonSearch | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const asId = normalizeIdNumber(text);
  if (checkIdNumber(asId) === null) return { by: 'idHash', hash: crypto.keyedHash(asId) };
  if (isMobileNumber(text)) return { by: 'phoneHash', hash: crypto.keyedHash(normalizeMobileNumber(text)) };
  if (/^\d{3}[\dXx]$/.test(text)) return { by: 'idSuffix', last4: text.toUpperCase() };
  if (/^[a-zA-Z]+$/.test(text)) return { by: 'initials', text: text.toLowerCase() };
  return { by: 'name', text };
}
