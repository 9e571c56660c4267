// The language of a phone app (portal, field app): Chinese unless the user chose English, remembered
// with the console's key so one choice holds on the device. Each app makes its own provider from its
// own texts, so its bundle carries only those.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from './api.ts';

export type AppLang = 'zh-CN' | 'en';
export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export interface AppI18n<K extends string> {
  lang: AppLang;
  /** `zh` or `en`: which side of a server message ({zh, en}) to show. */
  side: 'zh' | 'en';
  toggle: () => void;
  t: Translate<K>;
}

const STORAGE_KEY = 'civgrid.lang';

function loadLang(): AppLang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Points the page and the API client's Accept-Language at `lang`. */
function applyLang(lang: AppLang): AppLang {
  document.documentElement.lang = lang;
  setApiLanguage(lang);
  return lang;
}

function translator<K extends string>(messages: Record<K, string>): Translate<K> {
  return (key, vars) => {
    const text = messages[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

// One context for whichever app is on the page; each app's hook names its own keys.
const Context = createContext<AppI18n<string> | null>(null);

/** Provides `messages`, the app's texts in both languages, in the language chosen. */
export function AppI18nProvider<K extends string>({
  messages,
  children,
}: {
  messages: Record<AppLang, Record<K, string>>;
  children: ReactNode;
}) {
  const [lang, setLang] = useState<AppLang>(() => applyLang(loadLang()));
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
    () => ({
      lang,
      side: lang === 'en' ? ('en' as const) : ('zh' as const),
      toggle,
      t: translator(messages[lang]) as Translate<string>,
    }),
    [lang, toggle, messages],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The language, the toggle and `t` of the app's provider above. */
export function useAppI18n<K extends string>(): AppI18n<K> {
  const value = useContext(Context);
  if (!value) throw new Error('useAppI18n() needs an <AppI18nProvider> above it');
  return value as unknown as AppI18n<K>;
}
