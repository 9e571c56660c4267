// A case given to me: what it is, where, by when, and my task on it — accept it (签收), then report back
// (反馈: done or unable, with what was done). Steps wait in the outbox like every write; when sent, each is
// decided on the case as it is then, and one that already holds is not taken twice.
import type { TCasePage } from '@civgrid/contracts';
import { Button, Card, Dialog, ErrorBlock, Radio, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { fullTime, shortTime } from '../format.ts';
import { useOutbox } from '../hooks.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useCached } from '../offline/cache.ts';
import { type CaseStepPayload, outbox } from '../offline/senders.ts';
import { useUser } from '../session.tsx';
import { describeFieldError, QueuedTag, StaleNote } from './shared.tsx';

type Task = TCasePage['tasks'][number];

function ReportForm({ onSubmit }: { onSubmit: (outcome: 'done' | 'unable', report: string) => void }) {
  const { t } = useFieldI18n();
  const [outcome, setOutcome] = useState<'done' | 'unable'>('done');
  const [report, setReport] = useState('');
  return (
    <div className="field-gap">
      <Radio.Group value={outcome} onChange={(v) => setOutcome(v as 'done' | 'unable')}>
        <Radio value="done">{t('field.case.outcome.done')}</Radio>{' '}
        <Radio value="unable">{t('field.case.outcome.unable')}</Radio>
      </Radio.Group>
      <TextArea
        className="field-textarea"
        placeholder={t('field.case.report.placeholder')}
        value={report}
        onChange={setReport}
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={2000}
        data-testid="field-case-report-text"
      />
      <Button
        block
        color="primary"
        disabled={!report.trim()}
        onClick={() => onSubmit(outcome, report.trim())}
        data-testid="field-case-report"
      >
        {t('field.case.report')}
      </Button>
    </div>
  );
}

export function CasePage() {
  const { t, side } = useFieldI18n();
  const { id = '' } = useParams();
  const user = useUser();
  const box = useOutbox();
  const page = useCached<TCasePage>(`/api/v1/cases/${encodeURIComponent(id)}`);
  const { reload } = page;

  // Read the case again once the outbox has sent something (a step of ours may have moved it).
  useEffect(() => {
    if (box.synced > 0) reload();
  }, [box.synced, reload]);

  if (!page.data) {
    if (page.error)
      return <ErrorBlock status="empty" title={describeFieldError(page.error, t)} description="" />;
    return <div className="field-empty">{t('field.loading')}</div>;
  }
  const { case: c, tasks: allTasks, timeline } = page.data;
  const queued = box.items.filter(
    (i) => i.kind === 'case-step' && (i.payload as CaseStepPayload).caseId === id,
  );
  const queuedStep = (task: number, step: 'accept' | 'report') =>
    queued.some((i) => {
      const p = i.payload as CaseStepPayload;
      return p.task === task && p.step === step;
    });
  const mine = allTasks.filter(
    (task) => task.assignee.id === user.id && (task.status === 'pending' || task.status === 'accepted'),
  );

  const enqueue = async (
    task: Task,
    step: 'accept' | 'report',
    outcome?: 'done' | 'unable',
    report?: string,
  ) => {
    const payload: CaseStepPayload = {
      caseId: id,
      title: c.title,
      step,
      task: task.no,
      ...(outcome ? { outcome } : {}),
      ...(report ? { report } : {}),
    };
    await outbox.add('case-step', payload, { chain: `case:${id}` });
    Toast.show({
      icon: 'success',
      content: navigator.onLine ? t('field.action.sent') : t('field.action.queued'),
    });
  };

  return (
    <div data-testid="field-case">
      <StaleNote at={page.at} isStale={page.isStale} />
      <Card className="field-card">
        <div className="field-card-title">{c.title}</div>
        <div className="field-gap">
          <Tag color={c.isOpen ? 'primary' : 'success'} fill="solid">
            {c.statusLabel[side]}
          </Tag>{' '}
          {c.priority === 'urgent' && (
            <Tag color="danger" fill="solid">
              {t('field.case.urgent')}
            </Tag>
          )}{' '}
          {c.isOverdue && (
            <Tag color="danger" fill="outline">
              {t('field.tasks.overdue')}
            </Tag>
          )}
        </div>
        <dl className="field-facts">
          <dt>{t('field.case.trackingNo')}</dt>
          <dd className="field-mono">{c.trackingNo}</dd>
          <dt>{t('field.case.category')}</dt>
          <dd>{c.category.name[side]}</dd>
          {c.address && (
            <>
              <dt>{t('field.case.address')}</dt>
              <dd>{c.address}</dd>
            </>
          )}
          <dt>{t('field.case.openedAt')}</dt>
          <dd>{fullTime(c.openedAt)}</dd>
          {c.stepDueAt && (
            <>
              <dt>{t('field.case.stepDue')}</dt>
              <dd>{fullTime(c.stepDueAt)}</dd>
            </>
          )}
        </dl>
        <div className="field-description">{c.description}</div>
      </Card>
      {mine.map((task) => {
        const isAccepted = task.status === 'accepted' || queuedStep(task.no, 'accept');
        const isReported = queuedStep(task.no, 'report');
        return (
          <Card key={task.no} className="field-card" title={t('field.case.myTask', { no: task.no })}>
            <div className="field-description">{task.instructions}</div>
            <div className="field-muted">
              {t('field.case.taskDue', { ack: shortTime(task.ackDueAt), due: shortTime(task.dueAt) })}
            </div>
            {isReported ? (
              <div className="field-gap">
                <QueuedTag /> {t('field.case.reportQueued')}
              </div>
            ) : !isAccepted ? (
              <Button
                block
                color="primary"
                className="field-gap"
                onClick={() => void enqueue(task, 'accept')}
                data-testid="field-case-accept"
              >
                {t('field.case.accept')}
              </Button>
            ) : (
              <>
                {task.status !== 'accepted' && (
                  <div className="field-gap">
                    <QueuedTag /> {t('field.case.acceptQueued')}
                  </div>
                )}
                <ReportForm
                  onSubmit={(outcome, report) =>
                    void Dialog.confirm({
                      content: t('field.case.report.confirm'),
                      onConfirm: () => enqueue(task, 'report', outcome, report),
                    })
                  }
                />
              </>
            )}
          </Card>
        );
      })}
      <Card className="field-card" title={t('field.case.timeline')}>
        <Steps direction="vertical" current={timeline.length - 1}>
          {[...timeline]
            .reverse()
            .slice(0, 8)
            .map((entry) => (
              <Steps.Step
                key={`${entry.at}-${entry.key}`}
                title={entry.text[side]}
                description={`${shortTime(entry.at)}${entry.actor.name ? ` · ${entry.actor.name}` : ''}`}
              />
            ))}
        </Steps>
      </Card>
    </div>
  );
}
