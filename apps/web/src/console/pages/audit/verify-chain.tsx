// Recomputes the audit log's hash chain on the server and says whether any entry was tampered with.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { TAuditVerifyResult } from '@civgrid/contracts';
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { VerifyResult } from './verify-result.tsx';

type State =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: TAuditVerifyResult }
  | { kind: 'error'; message: string };

export function VerifyChain() {
  const t = useT();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const verify = async () => {
    setState({ kind: 'running' });
    try {
      setState({ kind: 'done', result: await api.post<TAuditVerifyResult>('/api/v1/audit/verify') });
    } catch (error) {
      setState({ kind: 'error', message: describeError(error, t) });
    }
  };

  return (
    <Flex vertical gap={12}>
      <div>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={state.kind === 'running'}
          onClick={verify}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </div>
      {state.kind === 'done' && <VerifyResult result={state.result} />}
      {state.kind === 'error' && <Alert type="error" showIcon title={state.message} />}
    </Flex>
  );
}
