// The domain names statuses, steps, levels and timeline lines in both languages ({ zh, en }); this picks
// the one the console speaks.
import type { Message } from '@civgrid/domain';
import { useCallback } from 'react';
import { useLang } from '../../../../i18n/i18n-provider.tsx';
import type { Lang } from '../../../../i18n/lang.ts';

export function pickMessage(message: Message, lang: Lang): string {
  return lang === 'zh-CN' ? message.zh : message.en;
}

/** `(message) => the text in the UI's language`. */
export function useMessage(): (message: Message) => string {
  const { lang } = useLang();
  return useCallback((message: Message) => pickMessage(message, lang), [lang]);
}
