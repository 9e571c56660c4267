// The month's assessment sheets as an Excel file, written in the browser from the same pages the table
// shows (same jurisdiction), every page of them.
import writeXlsxFile, { type SheetData } from 'write-excel-file/browser';
import type { Lang, Translate } from '../../../i18n/lang.ts';
import { api, query } from '../../../lib/api.ts';
import { pickMessage } from '../cases/shared/use-message.ts';
import { FIELD_API, partText, type TSheet, type TSheetList } from './field-api.ts';

const PAGE = 50;

async function fetchAll(month: string): Promise<TSheet[]> {
  const rows: TSheet[] = [];
  for (let page = 1; ; page++) {
    const list = await api.get<TSheetList>(
      `${FIELD_API}/assessments${query({ month, page, pageSize: PAGE })}`,
    );
    rows.push(...list.items);
    if (list.items.length < PAGE || rows.length >= list.total) return rows;
  }
}

export async function exportSheets(month: string, t: Translate, lang: Lang): Promise<number> {
  const rows = await fetchAll(month);
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const data: SheetData = [
    [
      t('fieldwork.field.name'),
      t('fieldwork.field.badgeNo'),
      t('fieldwork.field.unit'),
      t('fieldwork.part.daily'),
      t('fieldwork.part.patrol'),
      t('fieldwork.part.performance'),
      t('fieldwork.part.residents'),
      t('fieldwork.score'),
      t('fieldwork.grade'),
      t('fieldwork.pay'),
      t('fieldwork.rewardPenalty'),
      t('fieldwork.deployment'),
      t('fieldwork.note'),
    ].map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((s) => [
      s.worker.name,
      text(s.worker.badgeNo),
      s.worker.unit,
      partText(s.parts.daily),
      partText(s.parts.patrol),
      partText(s.parts.performance),
      partText(s.parts.residents),
      text(s.decision?.score ?? s.score),
      s.decision
        ? pickMessage(s.decision.gradeLabel, lang)
        : s.gradeLabel
          ? pickMessage(s.gradeLabel, lang)
          : '',
      text(s.decision?.payCoefficient ?? s.payCoefficient),
      text(s.decision?.rewardPenalty),
      text(s.decision?.deployment),
      text(s.decision?.note),
    ]),
  ];
  await writeXlsxFile(data, {
    columns: [12, 14, 16, 10, 10, 10, 10, 8, 8, 10, 20, 20, 24].map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toFile(`${t('fieldwork.export.fileName', { month })}.xlsx`);
  return rows.length;
}
