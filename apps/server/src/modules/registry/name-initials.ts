// Pinyin initials of a Chinese name ("张伟" → "zw", "欧阳建国" → "oyjg"), so the console can find people
// by typing initials, the way Chinese staff search. Non-Chinese characters are kept lower-cased.
import { pinyin } from 'pinyin-pro';

// Names repeat a great deal across a city, and converting one costs ~15 µs (pinyin-pro segments the
// text); an import of a million people would spend most of its time here without the cache. Bounded
// so a hostile file cannot grow it without limit.
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

export function nameInitials(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const initials = pinyin(name, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
    surname: 'head',
  })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, initials);
  return initials;
}
