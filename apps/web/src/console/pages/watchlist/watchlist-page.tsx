// 布控管理: the entries of the user's jurisdiction by status, a new entry for those who may ask, and
// approve / reject / revoke (each confirmed) where the server allows the user.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { usePaging } from '../../components/server-paging.ts';
import { hasPermission } from '../../nav.ts';
import { useUser } from '../../session/session-provider.tsx';
import { DecisionDialog } from './decision-dialog.tsx';
import { EntryFormDialog } from './entry-form-dialog.tsx';
import {
  type TWatchEntry,
  type TWatchList,
  WATCH_STATUSES,
  type WatchStatus,
  type WatchStep,
} from './types.ts';
import { WatchlistTable } from './watchlist-table.tsx';

type Filter = 'all' | 'awaitingMe' | WatchStatus;
type Dialog = { kind: 'closed' } | { kind: 'create' } | { kind: 'step'; entry: TWatchEntry; step: WatchStep };

export function WatchlistPage() {
  const t = useT();
  const user = useUser();
  const mayRequest = hasPermission(user, 'watchlist.request');
  const mayApprove = hasPermission(user, 'watchlist.approve');
  const [filter, setFilter] = useState<Filter>(mayApprove ? 'awaitingMe' : 'all');
  const { page, pageSize, setPage, onPage } = usePaging(20);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'closed' });
  const { data, error, loading, reload } = useApiGet<TWatchList>(
    `/api/v1/watchlist${query({
      page,
      pageSize,
      status: filter === 'all' || filter === 'awaitingMe' ? undefined : filter,
      awaitingMe: filter === 'awaitingMe' ? 'true' : undefined,
    })}`,
  );
  const filters: Filter[] = [...(mayApprove ? (['awaitingMe'] as const) : []), 'all', ...WATCH_STATUSES];

  return (
    <Card
      title={t('watchlist.title')}
      extra={
        mayRequest && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="watchlist-create"
          >
            {t('watchlist.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('watchlist.intro')}</Typography.Paragraph>
      <Segmented<Filter>
        style={{ marginBottom: 16 }}
        value={filter}
        options={filters.map((value) => ({
          value,
          label:
            value === 'all' || value === 'awaitingMe'
              ? t(`watchlist.filter.${value}`)
              : t(`watchlist.status.${value}`),
        }))}
        onChange={(value) => {
          setFilter(value);
          setPage(1);
        }}
        data-testid="watchlist-filter"
      />
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />
      )}
      <WatchlistTable
        list={data}
        loading={loading}
        page={page}
        pageSize={pageSize}
        onPage={onPage}
        onStep={(entry, step) => setDialog({ kind: 'step', entry, step })}
      />
      {dialog.kind === 'create' && (
        <EntryFormDialog
          onClose={() => setDialog({ kind: 'closed' })}
          onCreated={() => {
            setDialog({ kind: 'closed' });
            reload();
          }}
        />
      )}
      {dialog.kind === 'step' && (
        <DecisionDialog
          entry={dialog.entry}
          step={dialog.step}
          onClose={() => setDialog({ kind: 'closed' })}
          onDone={() => {
            setDialog({ kind: 'closed' });
            reload();
          }}
        />
      )}
    </Card>
  );
}
