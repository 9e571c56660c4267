// My tasks (我的任务): case tasks given to me, the open alerts of my grid (registration follow-ups among them),
// instructions from the centres. Each tab carries the count still waiting for me.
import { Badge, Button, List, Tabs, Tag } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router';
import { shortTime } from '../format.ts';
import { useOutbox, useTasks } from '../hooks.ts';
import { useFieldI18n } from '../i18n.tsx';
import {
  countOpen,
  isAlertQueued,
  isCaseStepQueued,
  isInstructionReadQueued,
  tasks,
} from '../tasks-store.ts';
import { QueuedTag, StaleNote } from './shared.tsx';

const SEVERITY_COLOR = { high: 'danger', medium: 'warning', low: 'default' } as const;

const tabTitle = (title: string, count: number) => (
  <Badge content={count > 0 ? count : null} style={{ '--right': '-12px', '--top': '2px' }}>
    {title}
  </Badge>
);

export function TasksPage() {
  const { t, side } = useFieldI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const snapshot = useTasks();
  const box = useOutbox();
  const open = countOpen(snapshot, box.items);
  const tab = params.get('tab') ?? 'cases';

  return (
    <div data-testid="field-tasks">
      <StaleNote at={snapshot.at} isStale={snapshot.isStale} />
      <div className="field-row field-right">
        <Button size="mini" loading={snapshot.loading} onClick={() => void tasks.refresh()}>
          {t('field.action.refresh')}
        </Button>
      </div>
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })}>
        <Tabs.Tab title={tabTitle(t('field.tasks.cases'), open.cases)} key="cases">
          <List>
            {(snapshot.cases ?? []).map((c) => (
              <List.Item
                key={c.id}
                onClick={() => navigate(`/cases/${c.id}`)}
                description={`${c.trackingNo} · ${c.category.name[side]}`}
                extra={c.stepDueAt ? t('field.tasks.due', { time: shortTime(c.stepDueAt) }) : undefined}
                data-testid="field-case-item"
              >
                {c.title}{' '}
                {c.isOverdue && (
                  <Tag color="danger" fill="solid">
                    {t('field.tasks.overdue')}
                  </Tag>
                )}
                {isCaseStepQueued(box.items, c.id) && <QueuedTag />}
              </List.Item>
            ))}
            {snapshot.cases?.length === 0 && <List.Item>{t('field.tasks.noCases')}</List.Item>}
          </List>
        </Tabs.Tab>
        <Tabs.Tab title={tabTitle(t('field.tasks.alerts'), open.alerts)} key="alerts">
          <List>
            {(snapshot.alerts ?? []).map((a) => (
              <List.Item
                key={a.id}
                onClick={() => navigate(`/alerts/${a.id}`)}
                description={a.evidence.summary[side]}
                extra={<span className="field-muted">{shortTime(a.createdAt)}</span>}
                data-testid="field-alert-item"
              >
                <Tag color={SEVERITY_COLOR[a.severity]} fill="outline">
                  {a.ruleLabel[side]}
                </Tag>{' '}
                {a.subject?.label ?? a.houseCode ?? a.gridName}{' '}
                <Tag color={a.status === 'acknowledged' ? 'success' : 'warning'} fill="solid">
                  {a.statusLabel[side]}
                </Tag>
                {isAlertQueued(box.items, a.id) && <QueuedTag />}
              </List.Item>
            ))}
            {snapshot.alerts?.length === 0 && <List.Item>{t('field.tasks.noAlerts')}</List.Item>}
          </List>
        </Tabs.Tab>
        <Tabs.Tab title={tabTitle(t('field.tasks.instructions'), open.instructions)} key="instructions">
          <List>
            {(snapshot.instructions ?? []).map((i) => {
              const isUnread = i.mine.readAt === null && !isInstructionReadQueued(box.items, i.id);
              return (
                <List.Item
                  key={i.id}
                  onClick={() => navigate(`/instructions/${i.id}`)}
                  description={`${i.sender.unit} · ${shortTime(i.sentAt)}`}
                  extra={i.deadline ? t('field.tasks.deadline', { time: shortTime(i.deadline) }) : undefined}
                  data-testid="field-instruction-item"
                >
                  <span className={isUnread ? 'field-unread' : undefined}>{i.title}</span>{' '}
                  {i.replyRequired && i.mine.replies.length === 0 && (
                    <Tag color="warning" fill="outline">
                      {t('field.instruction.replyRequired')}
                    </Tag>
                  )}
                </List.Item>
              );
            })}
            {snapshot.instructions?.length === 0 && <List.Item>{t('field.tasks.noInstructions')}</List.Item>}
          </List>
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}
