// The work queue's columns: what an operator scans for — which case, what, where it stands, who holds
// it, and whether its step is late or supervised.
import { EyeOutlined } from '@ant-design/icons';
import { CASE_STATUSES } from '@civgrid/domain';
import { type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { Translate } from '../../../../i18n/lang.ts';
import { formatMinute } from '../../../../lib/time.ts';
import { CaseStatusTag, HolderTag, PriorityTag } from '../shared/case-tags.tsx';
import type { TCaseSummary } from '../shared/cases.ts';
import { Deadline } from '../shared/deadline.tsx';

export function queueColumns(
  t: Translate,
  message: (m: { zh: string; en: string }) => string,
): TableColumnsType<TCaseSummary> {
  return [
    {
      title: t('cases.field.trackingNo'),
      dataIndex: 'trackingNo',
      width: 200,
      fixed: 'start',
      render: (_, c) => (
        <Typography.Text copyable={{ text: c.trackingNo }} style={{ whiteSpace: 'nowrap' }}>
          {c.trackingNo}
        </Typography.Text>
      ),
    },
    {
      title: t('cases.field.title'),
      dataIndex: 'title',
      render: (_, c) => (
        <span>
          <PriorityTag priority={c.priority} />
          {c.title}
        </span>
      ),
    },
    { title: t('cases.field.category'), dataIndex: 'category', render: (_, c) => message(c.category.name) },
    {
      title: t('cases.field.status'),
      dataIndex: 'status',
      render: (_, c) => <CaseStatusTag status={c.status} />,
    },
    {
      title: t('cases.field.holderLevel'),
      dataIndex: 'holderLevel',
      render: (_, c) => <HolderTag level={c.holderLevel} />,
    },
    {
      title: t('cases.field.grid'),
      dataIndex: 'gridCode',
      render: (_, c) =>
        c.gridCode ?? <Typography.Text type="secondary">{t('cases.unlocated')}</Typography.Text>,
    },
    { title: t('cases.field.openedAt'), dataIndex: 'openedAt', render: (_, c) => formatMinute(c.openedAt) },
    {
      title: t('cases.field.stepDueAt'),
      dataIndex: 'stepDueAt',
      render: (_, c) => <Deadline at={c.stepDueAt} isOverdue={c.isOverdue} />,
    },
    {
      title: t('cases.field.supervised'),
      dataIndex: 'isSupervised',
      align: 'center',
      render: (_, c) =>
        c.isSupervised ? (
          <Tooltip title={t('cases.supervisedHint')}>
            <Tag color="red" icon={<EyeOutlined />}>
              {t('cases.supervised')}
            </Tag>
          </Tooltip>
        ) : null,
    },
  ];
}

/** Every status, in the domain's order, for the filter. */
export const STATUS_FILTER = CASE_STATUSES;
