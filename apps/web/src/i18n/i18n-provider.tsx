// The language context: a tiny replacement for an i18n library, enough for two languages.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../lib/api.ts';
import { type Lang, loadLang, saveLang, type Translate, translator } from './lang.ts';

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

const DAYJS_LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-cn', en: 'en' };

/** Points the page, dayjs and the API client at `lang` (all idempotent). */
function applyLang(lang: Lang): Lang {
  document.documentElement.lang = lang;
  dayjs.locale(DAYJS_LOCALE[lang]);
  setApiLanguage(lang);
  return lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // Applied while choosing the initial state, not in an effect: children's effects run first and
  // their first API calls must already carry the right Accept-Language.
  const [lang, setLangState] = useState<Lang>(() => applyLang(loadLang()));

  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(applyLang(next));
  }, []);

  const value = useMemo(() => ({ lang, setLang, t: translator(lang) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() needs an <I18nProvider> above it');
  return value;
}

/** The translator of the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and a way to change it (remembered in localStorage). */
export function useLang(): Pick<I18nValue, 'lang' | 'setLang'> {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}
