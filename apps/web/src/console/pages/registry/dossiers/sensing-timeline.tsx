// A dossier's sensing timeline (感知时间线): the sightings of a person, vehicle or phone, or those at a
// house's doors or at a device, newest first and a page at a time. Reading it is an insight query, so
// the purpose is asked first (a small dialog) and then remembered for the session.
import { EditOutlined } from '@ant-design/icons';
import type { TTrajectory } from '@civgrid/contracts';
import { Alert, Button, Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError, query } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { formatTime } from '../../../../lib/time.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { serverPagination, usePaging } from '../../../components/server-paging.ts';
import { useUser } from '../../../session/session-provider.tsx';
import { deviceTypeName, directionName } from '../../sensing/shared/device-names.ts';
import { usePurpose } from '../../sensing/shared/purpose.ts';
import { PurposeDialog } from '../../sensing/shared/purpose-dialog.tsx';
import { rangeToIso, type TimeRange, TimeRangePicker } from '../../sensing/shared/time-range.tsx';
import { type Page, type RegisterKind, registerApi } from '../shared/registers.ts';

/** The registers that have a timeline on the server. */
export const TIMELINE_KINDS: readonly RegisterKind[] = ['persons', 'vehicles', 'houses', 'devices'];

type TimelineEvent = TTrajectory['points'][number] & { key: string | null };

export function SensingTimeline({ kind }: { kind: RegisterKind }) {
  const t = useT();
  const user = useUser();
  const { id } = useParams();
  const { purpose, remember } = usePurpose(user);
  const [isAsking, setAsking] = useState(purpose === null);
  const [range, setRange] = useState<TimeRange | null>(null);
  const { page, pageSize, setPage, onPage } = usePaging(20);

  const path =
    purpose && id
      ? `${registerApi(kind)}/${encodeURIComponent(id)}/timeline${query({
          reason: purpose.reason,
          page,
          pageSize,
          ...(range ? rangeToIso(range) : {}),
        })}`
      : null;
  const { data, error, loading } = useApiGet<Page<TimelineEvent>>(path);

  // The server may refuse the remembered purpose (too short, say): ask again.
  useEffect(() => {
    if (error instanceof ApiError && error.code === 'PURPOSE_REQUIRED') setAsking(true);
  }, [error]);

  // Who passed matters at a house or a device; on a person's or vehicle's own timeline it is them.
  const showsWho = kind === 'houses' || kind === 'devices';
  const columns: TableColumnsType<TimelineEvent> = [
    { title: t('sensing.point.time'), dataIndex: 'time', width: 176, render: (_, e) => formatTime(e.time) },
    {
      title: t('sensing.point.device'),
      dataIndex: 'deviceName',
      render: (_, e) => (
        <div>
          <div>{e.deviceName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.deviceCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('sensing.point.type'), dataIndex: 'type', render: (_, e) => deviceTypeName(e.type, t) },
    {
      title: t('sensing.point.direction'),
      dataIndex: 'direction',
      render: (_, e) => directionName(e.direction, t),
    },
    { title: t('sensing.point.grid'), dataIndex: 'gridCode' },
    ...(showsWho
      ? [
          {
            title: t('sensing.point.who'),
            dataIndex: 'key',
            render: (_: unknown, e: TimelineEvent) => e.key ?? t('common.none'),
          },
        ]
      : []),
    {
      title: t('sensing.point.snapshot'),
      dataIndex: 'snapshotRef',
      render: (_, e) =>
        e.snapshotRef ? (
          <Typography.Text copyable ellipsis style={{ maxWidth: 200 }}>
            {e.snapshotRef}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
  ];

  const dialog = isAsking && (
    <PurposeDialog
      initial={purpose}
      onClose={() => setAsking(false)}
      onStated={(stated) => {
        remember(stated);
        setAsking(false);
        setPage(1);
      }}
    />
  );

  if (!purpose) {
    return (
      <>
        <Empty description={t('sensing.timeline.needsPurpose')} data-testid="timeline-needs-purpose">
          <Button type="primary" onClick={() => setAsking(true)} data-testid="timeline-state-purpose">
            {t('sensing.purpose.state')}
          </Button>
        </Empty>
        {dialog}
      </>
    );
  }

  return (
    <Flex vertical gap={12} data-testid="sensing-timeline">
      <Flex align="center" justify="space-between" gap={12} wrap>
        <Typography.Text type="secondary">
          {t('sensing.timeline.purpose', { reason: purpose.reason })}
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setAsking(true)}>
            {t('sensing.purpose.change')}
          </Button>
        </Typography.Text>
        <div style={{ width: 360 }}>
          <TimeRangePicker
            value={range ?? undefined}
            onChange={(next) => {
              setRange(next);
              setPage(1);
            }}
            testId="timeline-range"
          />
        </div>
      </Flex>
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Table<TimelineEvent>
        rowKey={(e) => `${e.time}|${e.deviceCode}|${e.key ?? ''}`}
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sensing.timeline.empty')} />,
        }}
        pagination={serverPagination(t, { page, pageSize, total: data?.total, onPage })}
        data-testid="timeline-table"
      />
      {dialog}
    </Flex>
  );
}
