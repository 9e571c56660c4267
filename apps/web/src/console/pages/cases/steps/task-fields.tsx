// The form items of the task steps: split and assign (several tasks, each with its assignee picked from
// those the case allows), the whistle (departments, instructions, report-in time), and choosing one's own
// task or the tasks to withdraw or send back.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ASSIGNEE_KINDS, MAX_TASKS_PER_STEP, WHISTLE_ACK_MINUTES } from '@civgrid/domain';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { TAssignee, TCaseTask } from '../shared/cases.ts';
import type { AssigneeLists } from './use-assignees.ts';

export const TEXT_MAX = 2000;
const DATE_FORMAT = 'YYYY-MM-DD HH:mm';

function assigneeOptions(list: TAssignee[] | undefined) {
  return (list ?? []).map((a) => ({ value: a.id, label: `${a.name} · ${a.unit.name}` }));
}

/** An optional deadline, picked in the city's time; absent means the category's limit. */
export function DueField({ name, label }: { name: (string | number)[] | string; label: string }) {
  const t = useT();
  return (
    <Form.Item name={name} label={label} extra={t('cases.step.dueHint')}>
      <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_FORMAT} style={{ width: '100%' }} />
    </Form.Item>
  );
}

export function AssignFields({ assignees }: { assignees: AssigneeLists }) {
  const t = useT();
  const form = Form.useFormInstance();
  return (
    <Form.List
      name="tasks"
      rules={[
        {
          validator: async (_, rows: unknown[] | undefined) => {
            if (!rows || rows.length === 0) throw new Error(t('cases.step.tasksRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              type="inner"
              title={t('cases.step.taskN', { n: index + 1 })}
              style={{ marginBottom: 12 }}
              extra={
                fields.length > 1 && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('cases.step.removeTask')}
                  />
                )
              }
              data-testid={`assign-task-${index}`}
            >
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item
                    name={[field.name, 'kind']}
                    label={t('cases.step.assigneeKind')}
                    rules={[{ required: true, message: t('cases.step.assigneeKindRequired') }]}
                  >
                    <Select
                      options={ASSIGNEE_KINDS.map((kind) => ({
                        value: kind,
                        label: t(`cases.assigneeKind.${kind}`),
                      }))}
                      // Another kind of assignee: the one chosen no longer fits.
                      onChange={() => form.setFieldValue(['tasks', field.name, 'id'], undefined)}
                      data-testid={`assign-kind-${index}`}
                    />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item noStyle dependencies={[['tasks', field.name, 'kind']]}>
                    {({ getFieldValue }) => {
                      const kind = getFieldValue([
                        'tasks',
                        field.name,
                        'kind',
                      ]) as (typeof ASSIGNEE_KINDS)[number];
                      return (
                        <Form.Item
                          name={[field.name, 'id']}
                          label={t('cases.step.assignee')}
                          rules={[{ required: true, message: t('cases.step.assigneeRequired') }]}
                        >
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            loading={kind !== undefined && assignees.lists[kind] === undefined}
                            options={assigneeOptions(kind ? assignees.lists[kind] : [])}
                            notFoundContent={t('cases.step.noAssignees')}
                            data-testid={`assign-assignee-${index}`}
                          />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name={[field.name, 'instructions']}
                label={t('cases.step.instructions')}
                rules={[{ required: true, whitespace: true, message: t('cases.step.instructionsRequired') }]}
              >
                <Input.TextArea rows={2} maxLength={TEXT_MAX} data-testid={`assign-instructions-${index}`} />
              </Form.Item>
              <DueField name={[field.name, 'dueAt']} label={t('cases.step.dueAt')} />
            </Card>
          ))}
          {fields.length < MAX_TASKS_PER_STEP && (
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'department' })}
              data-testid="assign-add"
            >
              {t('cases.step.addTask')}
            </Button>
          )}
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

export function WhistleFields({ assignees }: { assignees: AssigneeLists }) {
  const t = useT();
  const { min, max } = WHISTLE_ACK_MINUTES;
  return (
    <>
      <Form.Item
        name="departments"
        label={t('cases.step.departments')}
        rules={[{ required: true, type: 'array', min: 1, message: t('cases.step.departmentsRequired') }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          loading={assignees.lists.department === undefined}
          options={assigneeOptions(assignees.lists.department)}
          notFoundContent={t('cases.step.noAssignees')}
          data-testid="whistle-departments"
        />
      </Form.Item>
      <Form.Item
        name="instructions"
        label={t('cases.step.instructions')}
        rules={[{ required: true, whitespace: true, message: t('cases.step.instructionsRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={TEXT_MAX} data-testid="whistle-instructions" />
      </Form.Item>
      <Form.Item
        name="ackMinutes"
        label={t('cases.step.ackMinutes')}
        extra={t('cases.step.ackMinutesHint', { min, max })}
        rules={[{ type: 'integer', min, max, message: t('cases.step.ackMinutesRange', { min, max }) }]}
      >
        <InputNumber min={min} max={max} step={10} suffix={t('cases.minutes')} style={{ width: 200 }} />
      </Form.Item>
      <DueField name="dueAt" label={t('cases.step.dueAt')} />
    </>
  );
}

/** One task to act on, among `tasks`; chosen already when there is only one. */
export function TaskField({ tasks, label }: { tasks: readonly TCaseTask[]; label: string }) {
  const t = useT();
  return (
    <Form.Item name="task" label={label} rules={[{ required: true, message: t('cases.step.taskRequired') }]}>
      <Select
        options={tasks.map((task) => ({
          value: task.no,
          label: t('cases.step.taskOption', { no: task.no, name: task.assignee.name }),
        }))}
        data-testid="step-task"
      />
    </Form.Item>
  );
}

/** Several tasks to send back (rework). */
export function TasksField({ tasks }: { tasks: readonly TCaseTask[] }) {
  const t = useT();
  return (
    <Form.Item
      name="tasks"
      label={t('cases.step.reworkTasks')}
      rules={[{ required: true, type: 'array', min: 1, message: t('cases.step.taskRequired') }]}
    >
      <Select
        mode="multiple"
        options={tasks.map((task) => ({
          value: task.no,
          label: t('cases.step.taskOption', { no: task.no, name: task.assignee.name }),
        }))}
        data-testid="step-tasks"
      />
    </Form.Item>
  );
}
