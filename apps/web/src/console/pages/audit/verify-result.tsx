// The outcome of a hash-chain check: all good, or the first entry where the chain breaks and why.
import type { TAuditVerifyResult } from '@civgrid/contracts';
import { Alert } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';

export function VerifyResult({ result }: { result: TAuditVerifyResult }) {
  const t = useT();
  const broken = result.firstBroken;
  if (result.ok || !broken) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.verifyOk', { checked: result.checked })}
        data-testid="audit-verify-result"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBroken', {
        seq: broken.seq,
        problem: t(`audit.problem.${broken.problem}`),
        checked: result.checked,
      })}
      description={broken.message}
      data-testid="audit-verify-result"
    />
  );
}
