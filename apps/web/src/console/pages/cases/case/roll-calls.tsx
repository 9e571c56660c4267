// The whistle's roll call (街乡吹哨、部门报到): for each summons, which departments reported in on time,
// late or never, counted, and how their handling stands.
import { Card, Flex, Statistic, Table, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatMinute } from '../../../../lib/time.ts';
import { VerdictTag } from '../shared/case-tags.tsx';
import type { TCaseTask, TRollCall } from '../shared/cases.ts';

type Entry = TRollCall['entries'][number];

const COUNTED = ['on-time', 'late', 'absent', 'waiting'] as const;
const COUNT_COLOURS: Record<(typeof COUNTED)[number], string | undefined> = {
  'on-time': '#389e0d',
  late: '#d48806',
  absent: '#cf1322',
  waiting: undefined,
};

interface Props {
  whistles: readonly TRollCall[];
  tasks: readonly TCaseTask[];
}

export function RollCalls({ whistles, tasks }: Props) {
  const t = useT();
  const nameOf = (task: number, id: string) => tasks.find((x) => x.no === task)?.assignee.name ?? id;
  return (
    <Flex vertical gap={12} data-testid="case-roll-calls">
      {whistles.map((w) => (
        <Card
          key={w.whistle}
          size="small"
          type="inner"
          title={t('cases.whistle.title', { no: w.whistle, at: formatMinute(w.at) })}
          data-testid={`roll-call-${w.whistle}`}
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {w.instructions}
          </Typography.Paragraph>
          <Flex gap={32} wrap style={{ marginBottom: 12 }}>
            {COUNTED.map((verdict) => (
              <Statistic
                key={verdict}
                title={t(`cases.verdict.${verdict}`)}
                value={w.counts[verdict] ?? 0}
                styles={{ content: { color: COUNT_COLOURS[verdict], fontSize: 20 } }}
              />
            ))}
          </Flex>
          <Table<Entry>
            rowKey="task"
            size="small"
            pagination={false}
            dataSource={w.entries}
            columns={[
              { title: t('cases.whistle.department'), render: (_, e) => nameOf(e.task, e.department) },
              { title: t('cases.whistle.ackDueAt'), render: (_, e) => formatMinute(e.ackDueAt) },
              {
                title: t('cases.whistle.acknowledgedAt'),
                render: (_, e) => (e.acknowledgedAt ? formatMinute(e.acknowledgedAt) : t('common.none')),
              },
              { title: t('cases.whistle.verdict'), render: (_, e) => <VerdictTag verdict={e.verdict} /> },
              { title: t('cases.whistle.handling'), render: (_, e) => <VerdictTag verdict={e.handling} /> },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
