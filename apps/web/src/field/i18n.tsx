// The field app's language: Chinese unless the user chose English (remembered with the console's key, so
// one choice holds on the device). Its own small provider, so the bundle carries only the field app's texts.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { fieldEn } from '../i18n/field-app-en.ts';
import { type FieldMessageKey, fieldZhCN } from '../i18n/field-app-zh-CN.ts';
import { setApiLanguage } from '../lib/api.ts';

export type FieldLang = 'zh-CN' | 'en';
export type FieldTranslate = (key: FieldMessageKey, vars?: Record<string, string | number>) => string;

const MESSAGES: Record<FieldLang, Record<FieldMessageKey, string>> = { 'zh-CN': fieldZhCN, en: fieldEn };
const STORAGE_KEY = 'civgrid.lang';

function loadLang(): FieldLang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLang(lang: FieldLang): FieldLang {
  document.documentElement.lang = lang;
  setApiLanguage(lang);
  return lang;
}

function translator(lang: FieldLang): FieldTranslate {
  const messages = MESSAGES[lang];
  return (key, vars) => {
    const text = messages[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

interface FieldI18n {
  lang: FieldLang;
  /** `zh` or `en`: which side of a server message ({zh, en}) to show. */
  side: 'zh' | 'en';
  toggle: () => void;
  t: FieldTranslate;
}

const Context = createContext<FieldI18n | null>(null);

export function FieldI18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<FieldLang>(() => applyLang(loadLang()));
  const toggle = useCallback(() => {
    setLang((current) => {
      const next = current === 'en' ? 'zh-CN' : 'en';
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembering the choice is acceptable.
      }
      return applyLang(next);
    });
  }, []);
  const value = useMemo(
    () => ({ lang, side: lang === 'en' ? ('en' as const) : ('zh' as const), toggle, t: translator(lang) }),
    [lang, toggle],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useFieldI18n(): FieldI18n {
  const value = useContext(Context);
  if (!value) throw new Error('useFieldI18n() needs a <FieldI18nProvider> above it');
  return value;
}
