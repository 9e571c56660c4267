// The small coloured words of the case pages: status, priority, holder level, task status, roll-call
// verdicts. One colour per value on every page, so the eye learns them.
import {
  CASE_LEVEL_LABELS,
  CASE_STATUS_INFO,
  type CaseLevel,
  type CaseStatus,
  TASK_STATUS_LABELS,
  type TaskStatus,
} from '@civgrid/domain';
import { Tag } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { useMessage } from './use-message.ts';

const STATUS_COLOURS: Record<CaseStatus, string> = {
  reported: 'orange',
  registered: 'gold',
  assigned: 'blue',
  'in-action': 'processing',
  'reported-back': 'cyan',
  escalated: 'volcano',
  returned: 'magenta',
  reopened: 'red',
  resolved: 'success',
  'closed-unfixed': 'default',
  declined: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const message = useMessage();
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status}>
      {message(CASE_STATUS_INFO[status].label)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: 'normal' | 'urgent' }) {
  const t = useT();
  return priority === 'urgent' ? <Tag color="red">{t('cases.priority.urgent')}</Tag> : null;
}

const LEVEL_COLOURS: Record<CaseLevel, string> = {
  village: 'green',
  township: 'gold',
  county: 'volcano',
  city: 'magenta',
};

export function HolderTag({ level }: { level: CaseLevel }) {
  const message = useMessage();
  return <Tag color={LEVEL_COLOURS[level]}>{message(CASE_LEVEL_LABELS[level])}</Tag>;
}

const TASK_COLOURS: Record<TaskStatus, string> = {
  pending: 'gold',
  accepted: 'processing',
  done: 'success',
  unable: 'error',
  withdrawn: 'default',
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const message = useMessage();
  return <Tag color={TASK_COLOURS[status]}>{message(TASK_STATUS_LABELS[status])}</Tag>;
}

/** On time, late, never, not yet, let off — for acknowledgements and reports alike. */
export type Verdict = 'on-time' | 'late' | 'absent' | 'overdue' | 'waiting' | 'released';

const VERDICT_COLOURS: Record<Verdict, string> = {
  'on-time': 'success',
  late: 'warning',
  absent: 'error',
  overdue: 'error',
  waiting: 'default',
  released: 'default',
};

export function VerdictTag({ verdict }: { verdict: Verdict }) {
  const t = useT();
  return (
    <Tag color={VERDICT_COLOURS[verdict]} data-verdict={verdict}>
      {t(`cases.verdict.${verdict}`)}
    </Tag>
  );
}
