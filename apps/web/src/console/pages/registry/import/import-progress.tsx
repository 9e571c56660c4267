import { Flex, Progress, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../../i18n/zh-CN.ts';
import type { ImportTotals } from './run-import.ts';

function progressLabel(totals: ImportTotals, isRunning: boolean): MessageKey {
  if (isRunning) return totals.isDryRun ? 'import.checking' : 'import.running';
  return totals.isDryRun ? 'import.checkDone' : 'import.doneTitle';
}

/** How far a dry run or an import has got, in rows. */
export function ImportProgress({ totals, isRunning }: { totals: ImportTotals; isRunning: boolean }) {
  const t = useT();
  const percent = totals.total === 0 ? 100 : Math.floor((totals.done / totals.total) * 100);
  return (
    <Flex vertical gap={4} data-testid="import-progress" data-done={totals.done} data-total={totals.total}>
      <Typography.Text>{t(progressLabel(totals, isRunning))}</Typography.Text>
      <Progress percent={percent} status={totals.failure ? 'exception' : isRunning ? 'active' : 'success'} />
      <Typography.Text type="secondary">
        {t('import.progress', { done: totals.done, total: totals.total })}
      </Typography.Text>
    </Flex>
  );
}
