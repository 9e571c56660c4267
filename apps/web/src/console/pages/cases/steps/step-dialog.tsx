// One step's form in a dialog: the step's fields, the case's version as last read, a confirmation first
// for steps that cannot be undone, and three answers — the new case page (done), a stale version (someone
// changed the case: say so and reload), or the domain's refusal in its own words under the field it names.
import type { TSessionUser } from '@civgrid/contracts';
import type { AssigneeKind, CaseStep } from '@civgrid/domain';
import { App, Form } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../../lib/api.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useFormSubmit } from '../../../components/use-form-submit.ts';
import { caseApi, type TCasePage } from '../shared/cases.ts';
import { IRREVERSIBLE } from './available-steps.ts';
import { placeStepField, type StepValues, stepBody } from './step-body.ts';
import { initialValues, STEP_FIELDS, StepFields } from './step-fields.tsx';
import { useAssignees } from './use-assignees.ts';
import { useStepLabel } from './use-step-label.ts';

interface Props {
  step: CaseStep;
  page: TCasePage;
  user: TSessionUser;
  onDone: (page: TCasePage) => void;
  /** The case changed since it was read: the dialog is closed and the page must be read again. */
  onStale: () => void;
  onClose: () => void;
}

const KINDS: Partial<Record<CaseStep, readonly AssigneeKind[]>> = {
  assign: ['department', 'grid-worker', 'police'],
  whistle: ['department'],
};
const NONE: readonly AssigneeKind[] = [];

export function StepDialog({ step, page, user, onDone, onStale, onClose }: Props) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const submit = useFormSubmit(form, (field) => placeStepField(field, STEP_FIELDS[step]));
  const assignees = useAssignees(page.case.id, KINDS[step] ?? NONE);
  const label = useStepLabel()(step);

  const send = (values: StepValues) =>
    submit.run(async () => {
      const body = { ...stepBody(step, values), version: page.case.version };
      try {
        onDone(await api.post<TCasePage>(`${caseApi(page.case.id)}/steps`, body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CASE_VERSION_CONFLICT') {
          onStale();
          return;
        }
        throw error;
      }
    });

  const finish = (values: StepValues) => {
    if (!IRREVERSIBLE.has(step)) return send(values);
    modal.confirm({
      title: t('cases.step.confirmTitle', { step: label }),
      content: t(`cases.step.confirm.${step as 'decline' | 'close-unfixed'}`),
      okText: label,
      okButtonProps: { danger: true, 'data-testid': 'step-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(values),
    });
  };

  return (
    <FormDialog<StepValues>
      title={t('cases.step.title', { step: label, trackingNo: page.case.trackingNo })}
      okText={label}
      okButtonProps={{ danger: IRREVERSIBLE.has(step), 'data-testid': 'step-submit' }}
      width={step === 'assign' ? 680 : 560}
      form={form}
      submit={submit}
      onFinish={finish}
      onClose={onClose}
      initialValues={initialValues(step, page, user)}
      testId={`step-form-${step}`}
    >
      <StepFields step={step} page={page} user={user} assignees={assignees} />
    </FormDialog>
  );
}
