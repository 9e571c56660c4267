import { isMessageKey, type Translate } from '../../../../i18n/lang.ts';

/** A plate kind's name; the contract leaves the kind open, so an unknown one shows as sent. */
export function plateKindName(kind: string, t: Translate): string {
  const key = `enum.plateKind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}
