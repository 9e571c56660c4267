// A device's type in words, and a direction of passage.
import type { Translate } from '../../../../i18n/lang.ts';
import { isMessageKey } from '../../../../i18n/lang.ts';

export function deviceTypeName(type: string, t: Translate): string {
  const key = `enum.deviceType.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

export function directionName(direction: 'in' | 'out' | null, t: Translate): string {
  return direction ? t(`sensing.direction.${direction}`) : t('common.none');
}
