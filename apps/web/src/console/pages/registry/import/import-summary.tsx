// The outcome of a dry run or an import: the counts, every rejected row (sheet row, field, reason),
// and the error sheet to fix them in.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { isMessageKey, type Translate } from '../../../../i18n/lang.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import type { RegisterKind } from '../shared/registers.ts';
import { downloadErrorSheet } from './error-sheet.ts';
import type { SheetTable } from './read-sheet.ts';
import type { ImportTotals, RejectedRow } from './run-import.ts';

interface Props {
  kind: RegisterKind;
  sheet: SheetTable;
  totals: ImportTotals;
}

/** The field a rejection names, by its label; `tags.0.reason` and the like point at the tag columns. */
function fieldName(kind: RegisterKind, field: string | undefined, t: Translate): string {
  if (!field) return t('common.none');
  const key = field.startsWith('tags') ? (field.endsWith('reason') ? 'tagReason' : 'tagCategory') : field;
  const label = `field.${kind}.${key}`;
  return isMessageKey(label) ? t(label) : field;
}

export function ImportSummary({ kind, sheet, totals }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const rejectedRows = new Set(totals.rejected.map((r) => r.sheetRow)).size;
  const counts = {
    accepted: totals.accepted,
    created: totals.created,
    updated: totals.updated,
    rejected: rejectedRows,
  };

  // The server's messages usually name their field already; say it only when they do not.
  const describe = (row: RejectedRow) => {
    const label = fieldName(kind, row.field, t);
    return !row.field || row.message.includes(label)
      ? row.message
      : t('import.fieldMessage', { field: label, message: row.message });
  };
  const download = () =>
    downloadErrorSheet(
      sheet,
      totals.rejected,
      t('import.errorColumn'),
      t('import.listSeparator'),
      describe,
    ).catch((error: unknown) => message.error(describeError(error, t)));

  const columns: TableColumnsType<RejectedRow> = [
    { title: t('import.row'), dataIndex: 'sheetRow', width: 110 },
    {
      title: t('import.field'),
      dataIndex: 'field',
      width: 180,
      render: (_, r) => fieldName(kind, r.field, t),
    },
    { title: t('import.message'), dataIndex: 'message' },
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ margin: 0 }}>
        <Tag color={totals.isDryRun ? 'blue' : 'green'}>
          {t(totals.isDryRun ? 'import.dryRunTag' : 'import.doneTag')}
        </Tag>
        <span data-testid="import-result">{t('import.summary', counts)}</span>
      </Typography.Paragraph>
      <Flex gap={48} wrap>
        <Statistic title={t('import.accepted')} value={counts.accepted} />
        <Statistic title={t('import.created')} value={counts.created} />
        <Statistic title={t('import.updated')} value={counts.updated} />
        <Statistic
          title={t('import.rejected')}
          value={counts.rejected}
          styles={{ content: counts.rejected > 0 ? { color: '#cf1322' } : {} }}
        />
      </Flex>
      {totals.failure && (
        <Alert
          type="error"
          showIcon
          data-testid="import-failure"
          title={t('import.failed', {
            from: totals.failure.fromRow,
            to: totals.failure.toRow,
            message: describeError(totals.failure.error, t),
          })}
        />
      )}
      {totals.rejected.length > 0 && (
        <>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t('import.rejectedTitle')}</Typography.Text>
            <Button icon={<DownloadOutlined />} onClick={download} data-testid="import-error-sheet">
              {t('import.errorSheet')}
            </Button>
          </Flex>
          <Table<RejectedRow>
            rowKey={(row) => `${row.sheetRow}:${row.field ?? ''}:${row.code}`}
            size="small"
            columns={columns}
            dataSource={totals.rejected}
            pagination={{
              pageSize: 20,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { total }),
            }}
            data-testid="import-rejected"
          />
        </>
      )}
    </Flex>
  );
}
