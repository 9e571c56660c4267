// A resident's request under PIPL arts. 44–47, recorded with its decision: an export of everything held
// (downloaded here as JSON to hand over), a correction, or a deletion (confirmed twice: irreversible).
import { Alert, App, Form, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { saveJson } from '../../../../lib/save-file.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { type PlaceField, useFormSubmit } from '../../../components/use-form-submit.ts';
import { registerApi } from '../shared/registers.ts';
import type { TPersonDossier, TPersonUpdate, TRightsRequest, TRightsResult } from '../shared/types.ts';
import { PersonFields, type PersonFieldValues } from './person-fields.tsx';

type Kind = TRightsRequest['kind'];
type Decision = TRightsRequest['decision'];

interface Values {
  kind: Kind;
  reason: string;
  decision: Decision;
  refusalReason?: string;
  changes?: PersonFieldValues;
}

interface Props {
  dossier: TPersonDossier;
  onClose: () => void;
  /** After the request: 'deleted' when the person is gone, else the dossier should be reloaded. */
  onDone: (outcome: 'deleted' | 'changed' | 'unchanged') => void;
}

const KINDS: readonly Kind[] = ['export', 'correction', 'deletion'];

/** The reasons under their fields, and a correction's rule (`changes.phone`) under that person field. */
const placeField: PlaceField = (field) => {
  if (field === 'reason' || field === 'refusalReason') return field;
  return field.startsWith('changes.') ? ['changes', field.slice('changes.'.length)] : undefined;
};

/** The filled-in corrections only; blank means "leave as is" here. */
function correctionsOf(values: PersonFieldValues | undefined): TPersonUpdate {
  const changes: TPersonUpdate = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    const text = typeof value === 'string' ? value.trim() : value;
    if (text) Object.assign(changes, { [key]: text });
  }
  return changes;
}

export function RightsDialog({ dossier, onClose, onDone }: Props) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const decision = Form.useWatch('decision', form);
  const submit = useFormSubmit(form, placeField);
  const { person } = dossier;

  const confirmDeletion = async (): Promise<boolean> => {
    const first = await modal.confirm({
      title: t('rights.deleteConfirm1Title'),
      content: t('rights.deleteConfirm1'),
      okText: t('common.confirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
    });
    if (!first) return false;
    return modal.confirm({
      title: t('rights.deleteConfirm2Title', { name: person.name }),
      content: t('rights.deleteConfirm2'),
      okText: t('rights.deleteOk'),
      okButtonProps: { danger: true, 'data-testid': 'rights-delete-confirm' },
      cancelText: t('common.cancel'),
    });
  };

  const request = async (values: Values) => {
    const isDone = values.decision === 'done';
    const body: TRightsRequest = {
      kind: values.kind,
      reason: values.reason.trim(),
      decision: values.decision,
    };
    if (!isDone) body.refusalReason = values.refusalReason?.trim();
    if (isDone && values.kind === 'correction') {
      body.changes = correctionsOf(values.changes);
      if (Object.keys(body.changes).length === 0) {
        submit.setFailure(t('rights.noChanges'));
        return;
      }
    }
    if (isDone && values.kind === 'deletion' && !(await confirmDeletion())) return;

    await submit.run(async () => {
      const path = `${registerApi('persons')}/${encodeURIComponent(person.id)}/rights`;
      const result = await api.post<TRightsResult>(path, body);
      if (result.outcome === 'refused') {
        message.success(t('rights.refused', { id: result.requestId }));
        onDone('unchanged');
      } else if (values.kind === 'export') {
        saveJson(result.data ?? {}, `person-${person.id}-${dayjs().format('YYYYMMDD-HHmm')}.json`);
        message.success(t('rights.exported'));
        onDone('unchanged');
      } else {
        message.success(
          t(values.kind === 'deletion' ? 'rights.deleted' : 'rights.done', { id: result.requestId }),
        );
        onDone(values.kind === 'deletion' ? 'deleted' : 'changed');
      }
    });
  };

  return (
    <FormDialog
      title={t('rights.title')}
      okText={t('rights.submit')}
      okButtonProps={{ danger: kind === 'deletion' && decision === 'done', 'data-testid': 'rights-submit' }}
      width={600}
      form={form}
      submit={submit}
      onClose={onClose}
      onFinish={request}
      initialValues={{ kind: 'export', decision: 'done' }}
      testId="rights-form"
    >
      <Form.Item name="kind" label={t('rights.kind')}>
        <Radio.Group
          options={KINDS.map((k) => ({ value: k, label: t(`rights.kind.${k}`) }))}
          data-testid="rights-kind"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('rights.reason')}
        extra={t('rights.reasonHint')}
        rules={[{ required: true, whitespace: true, min: 4, message: t('rights.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="rights-reason" />
      </Form.Item>
      <Form.Item name="decision" label={t('rights.decision')}>
        <Radio.Group
          options={(['done', 'refused'] as const).map((d) => ({
            value: d,
            label: t(`rights.decision.${d}`),
          }))}
        />
      </Form.Item>
      {decision === 'refused' && (
        <Form.Item
          name="refusalReason"
          label={t('rights.refusalReason')}
          rules={[{ required: true, whitespace: true, min: 4, message: t('rights.refusalRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      )}
      {decision === 'done' && kind === 'correction' && (
        <>
          <Alert type="info" title={t('rights.changes')} style={{ marginBottom: 12 }} />
          <PersonFields prefix={['changes']} />
        </>
      )}
    </FormDialog>
  );
}
