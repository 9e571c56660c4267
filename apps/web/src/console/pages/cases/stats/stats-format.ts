// How the statistics' figures read: shares as percentages, handling time in minutes, hours or days,
// ratings to one decimal; a figure with nothing measured reads as a dash.
import type { Translate } from '../../../../i18n/lang.ts';

export function percent(share: number | null, t: Translate): string {
  return share === null ? t('common.none') : `${(share * 100).toFixed(1)}%`;
}

export function rating(mean: number | null, t: Translate): string {
  return mean === null ? t('common.none') : mean.toFixed(2);
}

export function duration(minutes: number | null, t: Translate): string {
  if (minutes === null) return t('common.none');
  if (minutes < 60) return t('cases.stats.minutes', { n: Math.round(minutes) });
  if (minutes < 48 * 60) return t('cases.stats.hours', { n: (minutes / 60).toFixed(1) });
  return t('cases.stats.days', { n: (minutes / 1440).toFixed(1) });
}
