// 考核认定: a centre's decision on a worker's month — the pay coefficient (the grade's unless changed),
// reward or penalty, and deployment — kept with the sheet as it stands now.
import { Form, Input, InputNumber } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../components/use-form-submit.ts';
import { FIELD_API, type TSheet } from './field-api.ts';

interface Values {
  payCoefficient: number | null;
  rewardPenalty?: string;
  deployment?: string;
  note?: string;
}

export function DecisionDialog({
  sheet,
  onClose,
  onDone,
}: {
  sheet: TSheet;
  onClose: () => void;
  onDone: (s: TSheet) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, fieldsNamed(['payCoefficient', 'rewardPenalty', 'deployment', 'note']));
  const d = sheet.decision;
  return (
    <FormDialog<Values>
      title={`${t('fieldwork.decide')} · ${sheet.worker.name} · ${sheet.month}`}
      form={form}
      submit={submit}
      onFinish={(v) =>
        submit.run(async () =>
          onDone(
            await api.patch<TSheet>(`${FIELD_API}/assessments/${sheet.worker.id}/${sheet.month}`, {
              payCoefficient: v.payCoefficient ?? null,
              rewardPenalty: v.rewardPenalty || null,
              deployment: v.deployment || null,
              note: v.note || null,
            }),
          ),
        )
      }
      onClose={onClose}
      initialValues={{
        payCoefficient: d?.payCoefficient ?? sheet.payCoefficient,
        rewardPenalty: d?.rewardPenalty ?? undefined,
        deployment: d?.deployment ?? undefined,
        note: d?.note ?? undefined,
      }}
      testId="decision-form"
    >
      <Form.Item name="payCoefficient" label={t('fieldwork.pay')}>
        <InputNumber min={0} max={10} step={0.05} />
      </Form.Item>
      <Form.Item name="rewardPenalty" label={t('fieldwork.rewardPenalty')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="deployment" label={t('fieldwork.deployment')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="note" label={t('fieldwork.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
