// The current work queue as an Excel sheet, written in the browser from the same list the table pages
// through (same queue, same filter, same scope): every page of it, up to a bound.
import { CASE_LEVEL_LABELS, CASE_SOURCE_LABELS, type Message } from '@civgrid/domain';
import dayjs from 'dayjs';
import writeXlsxFile, { type SheetData } from 'write-excel-file/browser';
import type { Translate } from '../../../../i18n/lang.ts';
import { api, query } from '../../../../lib/api.ts';
import { formatMinute } from '../../../../lib/time.ts';
import { CASES_API, type Queue, type TCaseList, type TCaseSummary } from '../shared/cases.ts';

/** Rows beyond this are left out (the sheet says so in its name); statistics answer bigger questions. */
export const EXPORT_LIMIT = 5000;
const PAGE = 200;

async function fetchAll(queue: Queue, status: string | undefined): Promise<TCaseSummary[]> {
  const rows: TCaseSummary[] = [];
  for (let page = 1; rows.length < EXPORT_LIMIT; page++) {
    const list = await api.get<TCaseList>(`${CASES_API}${query({ queue, status, page, pageSize: PAGE })}`);
    rows.push(...list.items);
    if (list.items.length < PAGE || rows.length >= list.total) break;
  }
  return rows.slice(0, EXPORT_LIMIT);
}

export async function exportCases(
  queue: Queue,
  status: string | undefined,
  t: Translate,
  message: (m: Message) => string,
): Promise<number> {
  const rows = await fetchAll(queue, status);
  const text = (value: string | null) => value ?? '';
  const data: SheetData = [
    [
      t('cases.field.trackingNo'),
      t('cases.field.title'),
      t('cases.field.category'),
      t('cases.field.status'),
      t('cases.field.priority'),
      t('cases.field.source'),
      t('cases.field.holderLevel'),
      t('cases.field.grid'),
      t('cases.field.address'),
      t('cases.field.openedAt'),
      t('cases.field.stepDueAt'),
      t('cases.field.dueAt'),
      t('cases.field.overdue'),
      t('cases.field.supervised'),
    ].map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((c) => [
      c.trackingNo,
      c.title,
      message(c.category.name),
      message(c.statusLabel),
      c.priority === 'urgent' ? t('cases.priority.urgent') : t('cases.priority.normal'),
      message(CASE_SOURCE_LABELS[c.source]),
      message(CASE_LEVEL_LABELS[c.holderLevel]),
      text(c.gridCode),
      text(c.address),
      formatMinute(c.openedAt),
      c.stepDueAt ? formatMinute(c.stepDueAt) : '',
      formatMinute(c.dueAt),
      c.isOverdue ? t('cases.yes') : '',
      c.isSupervised ? t('cases.yes') : '',
    ]),
  ];
  const fileName = `${t('cases.export.fileName', { queue: t(`cases.queue.${queue}`) })}-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`;
  await writeXlsxFile(data, {
    columns: [20, 28, 14, 14, 8, 12, 20, 10, 24, 17, 17, 17, 8, 8].map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toFile(fileName);
  return rows.length;
}
