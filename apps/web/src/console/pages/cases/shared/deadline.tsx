// A deadline as a time, red and marked when it has passed (or was missed).
import { ClockCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatMinute } from '../../../../lib/time.ts';

interface Props {
  at: string | null;
  /** True when the step is late (the server's word for the case; the page's own for a task). */
  isOverdue: boolean;
}

export function Deadline({ at, isOverdue }: Props) {
  const t = useT();
  if (!at) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (!isOverdue) return <span>{formatMinute(at)}</span>;
  return (
    <Typography.Text type="danger" data-overdue="true">
      <ClockCircleOutlined /> {formatMinute(at)} {t('cases.overdue')}
    </Typography.Text>
  );
}

/** How a thing due at `dueAt` stands: done on time or late, still waiting, or overdue. */
export function timeliness(
  doneAt: string | null,
  dueAt: string,
  now: number,
): 'on-time' | 'late' | 'waiting' | 'overdue' {
  const due = Date.parse(dueAt);
  if (doneAt !== null) return Date.parse(doneAt) <= due ? 'on-time' : 'late';
  return now > due ? 'overdue' : 'waiting';
}
