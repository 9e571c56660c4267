// Step 1: what to import, and the file. A plain file input inside a drop zone: clickable, droppable,
// and reachable by tests through its test id.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Flex, Form, Radio, Spin, Typography } from 'antd';
import { type DragEvent, useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { REGISTER_KINDS, type RegisterKind } from '../shared/registers.ts';
import type { SheetTable } from './read-sheet.ts';

interface Props {
  kind: RegisterKind;
  onKind: (kind: RegisterKind) => void;
  sheet: SheetTable | null;
  isReading: boolean;
  readError: string | null;
  onFile: (file: File) => void;
}

export function FileStep({ kind, onKind, sheet, isReading, readError, onFile }: Props) {
  const t = useT();
  const [isOver, setIsOver] = useState(false);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setIsOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <Form layout="vertical">
      <Form.Item label={t('import.kind')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={kind}
          onChange={(event) => onKind(event.target.value as RegisterKind)}
          options={REGISTER_KINDS.map((k) => ({ value: k, label: t(`registry.kind.${k}`) }))}
          data-testid="import-kind"
        />
      </Form.Item>
      <Form.Item label={t('import.file')} extra={t('import.fileFormats')}>
        <label
          onDragOver={(event) => {
            event.preventDefault();
            setIsOver(true);
          }}
          onDragLeave={() => setIsOver(false)}
          onDrop={drop}
          style={{
            display: 'block',
            padding: '24px 16px',
            border: `1px dashed ${isOver ? '#1458c8' : '#d9d9d9'}`,
            borderRadius: 8,
            background: isOver ? '#f0f5ff' : '#fafafa',
            textAlign: 'center',
            cursor: 'pointer',
          }}
        >
          <input
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) onFile(file);
              event.target.value = ''; // choosing the same file again still reads it
            }}
            data-testid="import-file"
          />
          <Flex vertical align="center" gap={4}>
            <InboxOutlined style={{ fontSize: 40, color: '#1458c8' }} />
            <Typography.Text>{t('import.fileHint')}</Typography.Text>
          </Flex>
        </label>
      </Form.Item>
      {isReading && <Spin />}
      {readError && <Alert type="error" showIcon title={readError} data-testid="import-file-error" />}
      {sheet && !readError && (
        <Alert
          type="success"
          showIcon
          title={t('import.fileRead', {
            name: sheet.fileName,
            rows: sheet.rows.length,
            columns: sheet.headers.length,
          })}
          data-testid="import-file-ok"
        />
      )}
    </Form>
  );
}
