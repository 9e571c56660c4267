// The field app's texts in both languages; the provider itself is lib/app-i18n.tsx, shared with the portal.
import type { ReactNode } from 'react';
import { fieldEn } from '../i18n/field-app-en.ts';
import { type FieldMessageKey, fieldZhCN } from '../i18n/field-app-zh-CN.ts';
import { type AppI18n, AppI18nProvider, type AppLang, type Translate, useAppI18n } from '../lib/app-i18n.tsx';

export type FieldLang = AppLang;
export type FieldTranslate = Translate<FieldMessageKey>;

const MESSAGES = { 'zh-CN': fieldZhCN, en: fieldEn };

export function FieldI18nProvider({ children }: { children: ReactNode }) {
  return <AppI18nProvider messages={MESSAGES}>{children}</AppI18nProvider>;
}

export function useFieldI18n(): AppI18n<FieldMessageKey> {
  return useAppI18n<FieldMessageKey>();
}
