// The portal's texts in both languages; the provider itself is lib/app-i18n.tsx, shared with the field app.
import type { ReactNode } from 'react';
import { portalEn } from '../i18n/portal-en.ts';
import { type PortalMessageKey, portalZhCN } from '../i18n/portal-zh-CN.ts';
import { type AppI18n, AppI18nProvider, type AppLang, type Translate, useAppI18n } from '../lib/app-i18n.tsx';

export type PortalLang = AppLang;
export type PortalTranslate = Translate<PortalMessageKey>;

const MESSAGES = { 'zh-CN': portalZhCN, en: portalEn };

export function PortalI18nProvider({ children }: { children: ReactNode }) {
  return <AppI18nProvider messages={MESSAGES}>{children}</AppI18nProvider>;
}

export function usePortalI18n(): AppI18n<PortalMessageKey> {
  return useAppI18n<PortalMessageKey>();
}
