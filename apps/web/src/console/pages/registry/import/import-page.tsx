// 批量导入: file → column mapping → dry run over the whole file → the import itself. Rows go in chunks
// so a large file shows progress and no request grows too big; a rejected row never holds back the
// others, and every rejection is reported by its row in the user's own sheet.
import { Alert, Button, Card, Flex, Steps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { RegisterKind } from '../shared/registers.ts';
import {
  autoMap,
  buildRecords,
  type ColumnMapping,
  missingRequired,
  type SheetRecord,
} from './build-records.ts';
import { FileStep } from './file-step.tsx';
import { ImportProgress } from './import-progress.tsx';
import { ImportSummary } from './import-summary.tsx';
import { MappingStep } from './mapping-step.tsx';
import { readSpreadsheet, SheetReadError, type SheetTable } from './read-sheet.ts';
import { type ImportTotals, runImport } from './run-import.ts';

type Step = 0 | 1 | 2 | 3;

export function ImportPage() {
  const t = useT();
  const [step, setStep] = useState<Step>(0);
  const [kind, setKind] = useState<RegisterKind>('persons');
  const [sheet, setSheet] = useState<SheetTable | null>(null);
  const [isReading, setIsReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [records, setRecords] = useState<SheetRecord[]>([]);
  const [dryRun, setDryRun] = useState<ImportTotals | null>(null);
  const [realRun, setRealRun] = useState<ImportTotals | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const missing = missingRequired(kind, mapping);

  // Leaving the page stops sending further chunks.
  useEffect(() => () => abort.current?.abort(), []);

  const chooseKind = (next: RegisterKind) => {
    setKind(next);
    if (sheet) setMapping(autoMap(next, sheet.headers));
  };

  const readFile = async (file: File) => {
    setIsReading(true);
    setReadError(null);
    setSheet(null);
    try {
      const read = await readSpreadsheet(file);
      setSheet(read);
      setMapping(autoMap(kind, read.headers));
    } catch (error) {
      setReadError(
        t(error instanceof SheetReadError && error.isEmpty ? 'import.fileEmpty' : 'import.fileError'),
      );
    } finally {
      setIsReading(false);
    }
  };

  const run = async (isDry: boolean, rows: SheetRecord[]) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setIsRunning(true);
    const show = isDry ? setDryRun : setRealRun;
    try {
      await runImport(kind, rows, isDry, show, controller.signal);
    } finally {
      if (!controller.signal.aborted) setIsRunning(false);
    }
  };

  const startDryRun = () => {
    if (!sheet) return;
    const built = buildRecords(kind, sheet, mapping);
    setRecords(built);
    setRealRun(null);
    setStep(2);
    void run(true, built);
  };

  const startImport = () => {
    setStep(3);
    void run(false, records);
  };

  const restart = () => {
    abort.current?.abort();
    setIsRunning(false);
    setStep(0);
    setSheet(null);
    setMapping({});
    setRecords([]);
    setDryRun(null);
    setRealRun(null);
  };

  const current = step === 3 ? realRun : dryRun;
  const canImport = !isRunning && dryRun !== null && !dryRun.failure && dryRun.accepted > 0;

  return (
    <Card title={t('import.title')}>
      <Steps
        current={step}
        status={step === 3 && !isRunning && realRun && !realRun.failure ? 'finish' : 'process'}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('import.step.file') },
          { title: t('import.step.mapping') },
          { title: t('import.step.dryRun') },
          { title: t('import.step.run') },
        ]}
      />
      {step === 0 && (
        <FileStep
          kind={kind}
          onKind={chooseKind}
          sheet={sheet}
          isReading={isReading}
          readError={readError}
          onFile={readFile}
        />
      )}
      {step === 1 && sheet && (
        <MappingStep kind={kind} sheet={sheet} mapping={mapping} onChange={setMapping} missing={missing} />
      )}
      {step >= 2 && sheet && current && (
        <Flex vertical gap={16}>
          {step === 2 && <Alert type="info" showIcon title={t('import.dryRunHint')} />}
          <ImportProgress totals={current} isRunning={isRunning} />
          {!isRunning && <ImportSummary kind={kind} sheet={sheet} totals={current} />}
          {step === 2 && !isRunning && dryRun && dryRun.accepted > 0 && (
            <Alert type="success" showIcon title={t('import.runHint', { accepted: dryRun.accepted })} />
          )}
          {step === 2 && !isRunning && dryRun?.accepted === 0 && (
            <Alert type="warning" showIcon title={t('import.noneAccepted')} />
          )}
        </Flex>
      )}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 24 }}>
        {step === 1 && <Button onClick={() => setStep(0)}>{t('import.back')}</Button>}
        {step === 2 && (
          <Button disabled={isRunning} onClick={() => setStep(1)}>
            {t('import.back')}
          </Button>
        )}
        {step >= 1 && (
          <Button disabled={isRunning && step === 3} onClick={restart}>
            {t('import.restart')}
          </Button>
        )}
        {step === 0 && (
          <Button
            type="primary"
            disabled={!sheet || isReading}
            onClick={() => setStep(1)}
            data-testid="import-next"
          >
            {t('import.next')}
          </Button>
        )}
        {step === 1 && (
          <Button
            type="primary"
            disabled={missing.length > 0}
            onClick={startDryRun}
            data-testid="import-dry-run"
          >
            {t('import.dryRun')}
          </Button>
        )}
        {step === 2 && (
          <>
            <Button disabled={isRunning} onClick={startDryRun}>
              {t('import.dryRunAgain')}
            </Button>
            <Button type="primary" disabled={!canImport} onClick={startImport} data-testid="import-run">
              {t('import.run')}
            </Button>
          </>
        )}
      </Flex>
    </Card>
  );
}
