// 审计日志: read-only view of the tamper-evident audit chain, for the auditor role.
import type { TAuditList } from '@civgrid/contracts';
import { Alert, Card, Flex } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { usePaging } from '../../components/server-paging.ts';
import { type AuditFilter, AuditFilters } from './audit-filters.tsx';
import { AuditTable } from './audit-table.tsx';
import { VerifyChain } from './verify-chain.tsx';

export function AuditPage() {
  const t = useT();
  const [filter, setFilter] = useState<AuditFilter>({});
  const { page, pageSize, setPage, onPage } = usePaging(20);
  const { data, error, loading } = useApiGet<TAuditList>(
    `/api/v1/audit${query({ page, pageSize, ...filter })}`,
  );

  return (
    <Card title={t('audit.title')}>
      <Flex vertical gap={16}>
        <VerifyChain />
        <AuditFilters
          onChange={(next) => {
            setFilter(next);
            setPage(1);
          }}
        />
        {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
        <AuditTable list={data} loading={loading} page={page} pageSize={pageSize} onPage={onPage} />
      </Flex>
    </Card>
  );
}
