// The form items of one step. Texts a step requires (reasons, instructions, reports) are required here
// too; the domain checks again and its refusal is shown in its own words.

import type { TSessionUser } from '@civgrid/contracts';
import { type CaseStep, MAX_CASE_TEXT } from '@civgrid/domain';
import { Alert, Checkbox, Form, Input, Radio, Rate } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../../i18n/zh-CN.ts';
import type { TCasePage } from '../shared/cases.ts';
import { myTasks, roundTasks } from './available-steps.ts';
import { AssignFields, DueField, TaskField, TasksField, WhistleFields } from './task-fields.tsx';
import type { AssigneeLists } from './use-assignees.ts';

interface Props {
  step: CaseStep;
  page: TCasePage;
  user: TSessionUser;
  assignees: AssigneeLists;
}

/** The form field names of each step (server errors naming them show under them). */
export const STEP_FIELDS: Record<CaseStep, readonly string[]> = {
  register: ['note'],
  decline: ['reason'],
  assign: ['tasks'],
  whistle: ['departments', 'instructions', 'ackMinutes', 'dueAt'],
  accept: ['task'],
  report: ['task', 'outcome', 'report'],
  withdraw: ['task', 'reason'],
  rework: ['tasks', 'reason', 'dueAt'],
  resolve: ['note'],
  'close-unfixed': ['reason'],
  escalate: ['reason'],
  take: ['note'],
  return: ['instructions', 'supervise'],
  supervise: ['note', 'dueAt'],
  evaluate: ['rating', 'comment'],
};

function TextField({
  name,
  label,
  required,
  testId,
}: {
  name: string;
  label: MessageKey;
  required: boolean;
  testId?: string;
}) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={t(label)}
      rules={
        required
          ? [{ required: true, whitespace: true, message: t('cases.step.textRequired', { field: t(label) }) }]
          : []
      }
    >
      <Input.TextArea rows={3} maxLength={MAX_CASE_TEXT} showCount data-testid={testId ?? `step-${name}`} />
    </Form.Item>
  );
}

export function StepFields({ step, page, user, assignees }: Props) {
  const t = useT();
  const tasks = roundTasks(page);
  switch (step) {
    case 'register':
    case 'resolve':
    case 'take':
      return <TextField name="note" label="cases.step.note" required={false} />;
    case 'decline':
    case 'close-unfixed':
    case 'escalate':
      return <TextField name="reason" label="cases.step.reason" required />;
    case 'assign':
      return <AssignFields assignees={assignees} />;
    case 'whistle':
      return <WhistleFields assignees={assignees} />;
    case 'accept':
      return (
        <TaskField
          tasks={myTasks(page, user).filter((task) => task.status === 'pending')}
          label={t('cases.step.myTask')}
        />
      );
    case 'report':
      return (
        <>
          <TaskField
            tasks={myTasks(page, user).filter(
              (task) => task.status === 'pending' || task.status === 'accepted',
            )}
            label={t('cases.step.myTask')}
          />
          <Form.Item name="outcome" label={t('cases.step.outcome')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'done', label: t('cases.step.outcome.done') },
                { value: 'unable', label: t('cases.step.outcome.unable') },
              ]}
              data-testid="step-outcome"
            />
          </Form.Item>
          <TextField name="report" label="cases.step.report" required />
        </>
      );
    case 'withdraw':
      return (
        <>
          <TaskField
            tasks={tasks.filter((task) => task.status === 'pending' || task.status === 'accepted')}
            label={t('cases.step.task')}
          />
          <TextField name="reason" label="cases.step.reason" required />
        </>
      );
    case 'rework':
      return (
        <>
          <TasksField tasks={tasks.filter((task) => task.status === 'done' || task.status === 'unable')} />
          <TextField name="reason" label="cases.step.reason" required />
          <DueField name="dueAt" label={t('cases.step.dueAt')} />
        </>
      );
    case 'return':
      return (
        <>
          <TextField name="instructions" label="cases.step.instructions" required />
          <Form.Item name="supervise" valuePropName="checked">
            <Checkbox data-testid="step-supervise">{t('cases.step.returnSupervise')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'supervise':
      return (
        <>
          <TextField name="note" label="cases.step.superviseNote" required />
          <DueField name="dueAt" label={t('cases.step.superviseDue')} />
        </>
      );
    case 'evaluate':
      return (
        <>
          <Alert type="info" showIcon title={t('cases.step.evaluateHint')} style={{ marginBottom: 16 }} />
          <Form.Item
            name="rating"
            label={t('cases.step.rating')}
            rules={[{ required: true, message: t('cases.step.ratingRequired') }]}
          >
            <Rate data-testid="step-rating" />
          </Form.Item>
          <TextField name="comment" label="cases.step.comment" required={false} />
        </>
      );
  }
}

/** What the form starts with: one's only task chosen, one department row, "done". */
export function initialValues(step: CaseStep, page: TCasePage, user: TSessionUser): Record<string, unknown> {
  const mine = myTasks(page, user);
  const only = (list: typeof mine) => (list.length === 1 ? list[0]!.no : undefined);
  switch (step) {
    case 'assign':
      return { tasks: [{ kind: 'department' }] };
    case 'accept':
      return { task: only(mine.filter((task) => task.status === 'pending')) };
    case 'report':
      return {
        task: only(mine.filter((task) => task.status === 'pending' || task.status === 'accepted')),
        outcome: 'done',
      };
    default:
      return {};
  }
}
