import { z } from 'zod';

/** The error body every 4xx/5xx answer carries (interfaces.md). */
export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** Query parameters of every paged list: 1-based page, up to 200 rows a page. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export type TPageQuery = z.infer<typeof ZPageQuery>;

/** A page of `item`s with the total count across pages. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ZPublicConfig = z.object({
  mode: z.enum(['demo', 'production']),
  timezone: z.string(),
  tileUrl: z.string().nullable(),
  version: z.string(),
});
export type TPublicConfig = z.infer<typeof ZPublicConfig>;
