// 案件办理 · 工作台: the user's work queues as tabs with their counts (mine, my level's, overdue,
// supervised, all), a status filter, a paged table whose rows open the case page, and the Excel export of
// the queue shown. Queue, filter and page live in the URL, so the back button from a case returns here.
import { DownloadOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { CASE_STATUS_INFO, type CaseStatus } from '@civgrid/domain';
import { Alert, App, Badge, Button, Card, Flex, Select, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { query } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { serverPagination } from '../../../components/server-paging.ts';
import { hasPermission } from '../../../nav.ts';
import { useUser } from '../../../session/session-provider.tsx';
import {
  CASES_API,
  casePath,
  HOTLINE_PATH,
  QUEUES,
  type Queue,
  type TCaseList,
  type TCaseSummary,
} from '../shared/cases.ts';
import { useMessage } from '../shared/use-message.ts';
import { exportCases } from './export-cases.ts';
import { queueColumns, STATUS_FILTER } from './queue-columns.tsx';
import { useQueueCounts } from './use-queue-counts.ts';

const PAGE_SIZES = ['20', '50', '100'];
const HANDLERS = new Set(['department', 'grid-worker', 'police']);

function positive(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function QueuePage() {
  const t = useT();
  const message = useMessage();
  const navigate = useNavigate();
  const user = useUser();
  const { message: toast } = App.useApp();
  const [params, setParams] = useSearchParams();
  // Handlers start at their own tasks, centres at what their level holds.
  const fallback: Queue = HANDLERS.has(user.role) ? 'mine' : 'level';
  const queue = QUEUES.find((q) => q === params.get('queue')) ?? fallback;
  const status = STATUS_FILTER.find((s) => s === params.get('status'));
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), 20);
  const list = useApiGet<TCaseList>(`${CASES_API}${query({ queue, status, page, pageSize })}`);
  const [refresh, setRefresh] = useState(0);
  const counts = useQueueCounts(status, refresh);
  const [exporting, setExporting] = useState(false);

  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const reload = () => {
    list.reload();
    setRefresh((r) => r + 1);
  };

  const exportList = async () => {
    setExporting(true);
    try {
      const rows = await exportCases(queue, status, t, message);
      toast.success(t('cases.export.done', { rows }));
    } catch (error) {
      toast.error(describeError(error, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title={t('nav.cases.queue')}
      extra={
        <Flex gap={8} wrap>
          {hasPermission(user, 'case.open') && (
            <Button
              icon={<PhoneOutlined />}
              onClick={() => navigate(HOTLINE_PATH)}
              data-testid="queue-hotline"
            >
              {t('nav.cases.hotline')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={reload} loading={list.loading}>
            {t('cases.refresh')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={!list.data?.total}
            onClick={exportList}
            data-testid="queue-export"
          >
            {t('cases.export')}
          </Button>
        </Flex>
      }
    >
      <Tabs
        activeKey={queue}
        onChange={(key) => update({ queue: key })}
        items={QUEUES.map((q) => ({
          key: q,
          label: (
            <span data-testid={`queue-tab-${q}`}>
              {t(`cases.queue.${q}`)}{' '}
              <Badge
                count={counts[q] ?? 0}
                showZero
                overflowCount={9999}
                color={q === 'overdue' && counts[q] ? '#cf1322' : '#8c8c8c'}
                data-testid={`queue-count-${q}`}
              />
            </span>
          ),
        }))}
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<CaseStatus>
          allowClear
          placeholder={t('cases.filter.status')}
          style={{ width: 220 }}
          value={status}
          options={STATUS_FILTER.map((s) => ({ value: s, label: message(CASE_STATUS_INFO[s].label) }))}
          onChange={(value) => update({ status: value })}
          data-testid="queue-status"
        />
      </Flex>
      {list.error !== undefined && (
        <Alert type="error" showIcon title={describeError(list.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<TCaseSummary>
        rowKey="id"
        size="middle"
        columns={queueColumns(t, message)}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({
          onClick: (event) => {
            // Copying the tracking number is not a request to open the case.
            if ((event.target as HTMLElement).closest('.ant-typography-copy')) return;
            navigate(casePath(row.id));
          },
          style: { cursor: 'pointer' },
          'data-testid': 'queue-row',
        })}
        pagination={serverPagination(t, {
          page,
          pageSize,
          total: list.data?.total,
          pageSizeOptions: PAGE_SIZES,
          onPage: (nextPage, nextSize) => update({ page: nextPage, pageSize: nextSize }),
        })}
        data-testid="queue-table"
      />
    </Card>
  );
}
