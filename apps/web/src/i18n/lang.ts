// Language choice: what is supported, where it is remembered, and how placeholders are filled.
import { en } from './en.ts';
import { type MessageKey, type Messages, zhCN } from './zh-CN.ts';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

/** Each language named in itself, so a reader of the other language can still find theirs. */
export const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

export const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

const STORAGE_KEY = 'civgrid.lang';

function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

/** The remembered language, or Chinese. Storage may be unavailable (private mode); that is not an error. */
export function loadLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function saveLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is acceptable; the page still switches.
  }
}

/** A translator for `lang`; unknown placeholders are left visible so they get noticed. */
export function translator(lang: Lang): Translate {
  const messages = MESSAGES[lang];
  return (key, vars) => {
    const text = messages[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/** True when `key` names a message (for keys built from server data, such as a history field). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES['zh-CN'], key);
}
