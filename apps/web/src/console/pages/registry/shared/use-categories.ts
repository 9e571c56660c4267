// The attention categories, loaded once per page, and their names in the UI's language.
import { useCallback } from 'react';
import { useLang } from '../../../../i18n/i18n-provider.tsx';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import type { TAttentionCategory } from './types.ts';

export interface Categories {
  categories: TAttentionCategory[];
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** The category's name in the current language; `fallback` (or the code) for one not (yet) known. */
  nameOf: (code: string, fallback?: string) => string;
}

export function useCategories(): Categories {
  const { lang } = useLang();
  const { data, loading, error, reload } = useApiGet<{ categories: TAttentionCategory[] }>(
    '/api/v1/registry/categories',
  );
  const categories = data?.categories ?? [];
  const nameOf = useCallback(
    (code: string, fallback?: string) => {
      const category = data?.categories.find((c) => c.code === code);
      if (!category) return fallback ?? code;
      return lang === 'zh-CN' ? category.nameZh : category.nameEn;
    },
    [data, lang],
  );
  return { categories, loading, error, reload, nameOf };
}
