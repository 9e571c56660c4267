// The portal's language: Chinese unless the resident chose English (remembered with the console's key,
// so one choice holds on the device). Kept apart from the console's i18n so the portal's bundle carries
// only its own texts.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { portalEn } from '../i18n/portal-en.ts';
import { type PortalMessageKey, portalZhCN } from '../i18n/portal-zh-CN.ts';
import { setApiLanguage } from '../lib/api.ts';

export type PortalLang = 'zh-CN' | 'en';
export type PortalTranslate = (key: PortalMessageKey, vars?: Record<string, string | number>) => string;

const MESSAGES: Record<PortalLang, Record<PortalMessageKey, string>> = { 'zh-CN': portalZhCN, en: portalEn };
const STORAGE_KEY = 'civgrid.lang';

function loadLang(): PortalLang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Points the page and the API client's Accept-Language at `lang`. */
function applyLang(lang: PortalLang): PortalLang {
  document.documentElement.lang = lang;
  setApiLanguage(lang);
  return lang;
}

function translator(lang: PortalLang): PortalTranslate {
  const messages = MESSAGES[lang];
  return (key, vars) => {
    const text = messages[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

interface PortalI18n {
  lang: PortalLang;
  /** `zh` or `en`: which side of a server message ({zh, en}) to show. */
  side: 'zh' | 'en';
  toggle: () => void;
  t: PortalTranslate;
}

const Context = createContext<PortalI18n | null>(null);

export function PortalI18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<PortalLang>(() => applyLang(loadLang()));
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

export function usePortalI18n(): PortalI18n {
  const value = useContext(Context);
  if (!value) throw new Error('usePortalI18n() needs a <PortalI18nProvider> above it');
  return value;
}
