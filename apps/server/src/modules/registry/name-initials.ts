// Pinyin initials of a Chinese name ("张伟" → "zw", "欧阳建国" → "oyjg"), so the console can find people
// by typing initials, the way Chinese staff search. Non-Chinese characters are kept lower-cased.
import { pinyin } from 'pinyin-pro';

export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
