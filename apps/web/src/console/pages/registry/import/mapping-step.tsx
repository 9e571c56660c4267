// Step 2: which column feeds which field. Pre-filled from the headers; required fields are marked and
// must have a column before the dry run.
import { Alert, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { RegisterKind } from '../shared/registers.ts';
import type { ColumnMapping } from './build-records.ts';
import { fieldLabelKey, fieldsOf, type ImportField } from './import-fields.ts';
import type { SheetTable } from './read-sheet.ts';

interface Props {
  kind: RegisterKind;
  sheet: SheetTable;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  missing: ImportField[];
}

function sampleText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

export function MappingStep({ kind, sheet, mapping, onChange, missing }: Props) {
  const t = useT();
  const firstRow = sheet.rows[0] ?? [];
  const columnOptions = sheet.headers.map((header, index) => ({
    value: index,
    label: header || `#${index + 1}`,
  }));

  const columns: TableColumnsType<ImportField> = [
    {
      title: t('import.mapping.field'),
      key: 'label',
      render: (_, field) => (
        <>
          {t(fieldLabelKey(kind, field.key))}
          {field.isRequired && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('import.mapping.required')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('import.mapping.key'),
      dataIndex: 'key',
      render: (_, field) => <Typography.Text code>{field.key}</Typography.Text>,
    },
    {
      title: t('import.mapping.column'),
      key: 'column',
      width: 260,
      render: (_, field) => (
        <Select<number>
          allowClear
          style={{ width: '100%' }}
          placeholder={t('import.mapping.unmapped')}
          value={mapping[field.key]}
          options={columnOptions}
          status={field.isRequired && mapping[field.key] === undefined ? 'error' : undefined}
          onChange={(index) => onChange({ ...mapping, [field.key]: index })}
          data-testid={`import-map-${field.key}`}
        />
      ),
    },
    {
      title: t('import.mapping.sample'),
      key: 'sample',
      render: (_, field) => {
        const index = mapping[field.key];
        return (
          <Typography.Text type="secondary">
            {index === undefined ? '' : sampleText(firstRow[index])}
          </Typography.Text>
        );
      },
    },
  ];

  return (
    <>
      <Alert type="info" showIcon title={t('import.mapping.hint')} style={{ marginBottom: 12 }} />
      {kind === 'persons' && (
        <Alert type="info" title={t('import.mapping.tagsNote')} style={{ marginBottom: 12 }} />
      )}
      <Table<ImportField>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={[...fieldsOf(kind)]}
        pagination={false}
        data-testid="import-mapping"
      />
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('import.mapping.missing', {
            fields: missing.map((field) => t(fieldLabelKey(kind, field.key))).join(t('import.listSeparator')),
          })}
        />
      )}
    </>
  );
}
