// The statistics table as an Excel sheet, written in the browser: the groups as shown, and the totals.

import type { TCaseStats } from '@civgrid/contracts';
import type { Message } from '@civgrid/domain';
import writeXlsxFile, { type SheetData } from 'write-excel-file/browser';
import type { Translate } from '../../../../i18n/lang.ts';
import { figureColumns } from './stats-table.tsx';

export async function exportStats(
  stats: TCaseStats,
  range: string,
  t: Translate,
  message: (m: Message) => string,
): Promise<void> {
  const figures = figureColumns(t);
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const data: SheetData = [
    [bold(t('cases.stats.sheetTitle', { range, by: t(`cases.stats.by.${stats.by}`) }))],
    [bold(t(`cases.stats.by.${stats.by}`)), ...figures.map(([title]) => bold(title))],
    ...stats.groups.map((g) => [message(g.label), ...figures.map(([, value]) => value(g))]),
    [bold(t('cases.stats.totals')), ...figures.map(([, value]) => value(stats.totals))],
  ];
  await writeXlsxFile(data, {
    columns: [{ width: 22 }, ...figures.map(() => ({ width: 12 }))],
    stickyRowsCount: 2,
  }).toFile(`${t('cases.stats.fileName', { by: t(`cases.stats.by.${stats.by}`) })}-${range}.xlsx`);
}
