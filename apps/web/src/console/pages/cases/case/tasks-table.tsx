// The case's tasks (分解交办): who has each, how it stands, its two deadlines with late ones flagged, and
// the report. Earlier rounds (before a reopening) stay listed, dimmed.
import { Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatMinute, formatShortTime } from '../../../../lib/time.ts';
import { TaskStatusTag, VerdictTag } from '../shared/case-tags.tsx';
import type { TCaseTask } from '../shared/cases.ts';
import { timeliness } from '../shared/deadline.tsx';

interface Props {
  tasks: readonly TCaseTask[];
  round: number;
  now: number;
}

/** The acknowledgement's and the report's standing; a withdrawn task is let off what it had not done. */
function standing(task: TCaseTask, now: number) {
  const withdrawn = task.status === 'withdrawn';
  const reported = task.status === 'done' || task.status === 'unable' ? task.finishedAt : null;
  const ack = withdrawn && !task.acceptedAt ? 'released' : timeliness(task.acceptedAt, task.ackDueAt, now);
  const handling = withdrawn ? 'released' : timeliness(reported, task.dueAt, now);
  return { ack, handling } as const;
}

export function TasksTable({ tasks, round, now }: Props) {
  const t = useT();
  const none = t('common.none');
  const columns: TableColumnsType<TCaseTask> = [
    { title: t('cases.task.no'), dataIndex: 'no', width: 56 },
    {
      title: t('cases.task.assignee'),
      dataIndex: 'assignee',
      width: 230,
      render: (_, task) => (
        <div>
          <div>
            {task.assignee.name}{' '}
            <Typography.Text type="secondary">
              {t(`cases.assigneeKind.${task.assignee.kind}`)}
            </Typography.Text>
            {task.whistle !== null && (
              <Tag color="purple" style={{ marginInlineStart: 6 }}>
                {t('cases.task.whistle', { no: task.whistle })}
              </Tag>
            )}
          </div>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, tooltip: task.instructions }}
            style={{ margin: 0, fontSize: 12 }}
          >
            {t('cases.task.instructionsLine', { text: task.instructions })}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: t('cases.task.status'),
      dataIndex: 'status',
      render: (_, task) => (
        <span data-testid={`task-status-${task.no}`} data-status={task.status}>
          <TaskStatusTag status={task.status} />
          {task.reworks > 0 && <Tag>{t('cases.task.reworks', { count: task.reworks })}</Tag>}
        </span>
      ),
    },
    {
      title: t('cases.task.deadlines'),
      key: 'deadlines',
      render: (_, task) => {
        const { ack, handling } = standing(task, now);
        return (
          <div style={{ whiteSpace: 'nowrap' }}>
            <Tooltip
              title={
                task.acceptedAt ? t('cases.task.acceptedAt', { at: formatMinute(task.acceptedAt) }) : null
              }
            >
              <div>
                <Typography.Text type="secondary">{t('cases.task.ackShort')}</Typography.Text>{' '}
                {formatShortTime(task.ackDueAt)} {ack !== 'waiting' && <VerdictTag verdict={ack} />}
              </div>
            </Tooltip>
            <div style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">{t('cases.task.dueShort')}</Typography.Text>{' '}
              {formatShortTime(task.dueAt)} {handling !== 'waiting' && <VerdictTag verdict={handling} />}
            </div>
          </div>
        );
      },
    },
    {
      title: t('cases.task.report'),
      dataIndex: 'report',
      render: (_, task) =>
        task.report ? (
          <div>
            <Typography.Paragraph
              ellipsis={{ rows: 3, tooltip: task.report }}
              style={{ margin: 0, maxWidth: 200 }}
            >
              {task.report}
            </Typography.Paragraph>
            {task.finishedAt && (
              <Typography.Text type="secondary">{formatShortTime(task.finishedAt)}</Typography.Text>
            )}
          </div>
        ) : (
          none
        ),
    },
  ];
  return (
    <Table<TCaseTask>
      rowKey="no"
      size="small"
      columns={columns}
      dataSource={[...tasks].sort((a, b) => b.round - a.round || a.no - b.no)}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(task) => ({ style: task.round === round ? {} : { opacity: 0.55 } })}
      locale={{ emptyText: t('cases.task.none') }}
      data-testid="case-tasks"
    />
  );
}
