// The dialogs of a worker's file: edit the five uniform items, set the grids covered, reveal the identity
// number for a reason, and record the worker's leaving.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../components/use-form-submit.ts';
import { FIELD_API, type TEquipment, type TWorker } from './field-api.ts';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const picked = (s: string | null) => (s ? dayjs(s) : undefined);

interface Props {
  worker: TWorker;
  onClose: () => void;
  onDone: (worker: TWorker) => void;
}

interface EditValues {
  title?: string;
  badgeNo?: string;
  idNumber?: string;
  equipment: TEquipment[];
  duties?: string;
  registrationFile?: string;
  recruitedOn?: Dayjs;
}

export function EditWorkerDialog({ worker, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<EditValues>();
  const submit = useFormSubmit(
    form,
    fieldsNamed(['title', 'badgeNo', 'idNumber', 'duties', 'registrationFile']),
  );
  const onFinish = (v: EditValues) =>
    submit.run(async () => {
      const body = {
        title: v.title || null,
        badgeNo: v.badgeNo || null,
        // the number goes only when typed: the form never holds it in clear otherwise
        ...(v.idNumber ? { idNumber: v.idNumber } : {}),
        equipment: (v.equipment ?? []).filter((e) => e?.item),
        duties: v.duties || null,
        registrationFile: v.registrationFile || null,
        recruitedOn: day(v.recruitedOn),
      };
      onDone(await api.patch<TWorker>(`${FIELD_API}/workers/${worker.id}`, body));
    });
  return (
    <FormDialog<EditValues>
      title={`${t('fieldwork.edit')} · ${worker.name}`}
      width={640}
      form={form}
      submit={submit}
      onFinish={onFinish}
      onClose={onClose}
      initialValues={{
        title: worker.title ?? undefined,
        badgeNo: worker.badgeNo ?? undefined,
        equipment: worker.equipment,
        duties: worker.duties ?? undefined,
        registrationFile: worker.registrationFile ?? undefined,
        recruitedOn: picked(worker.recruitedOn),
      }}
      testId="worker-edit-form"
    >
      <Flex gap={12}>
        <Form.Item name="title" label={t('fieldwork.field.title')} style={{ flex: 1 }}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="badgeNo" label={t('fieldwork.field.badgeNo')} style={{ flex: 1 }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="recruitedOn" label={t('fieldwork.field.recruitedOn')}>
          <DatePicker />
        </Form.Item>
      </Flex>
      <Form.Item name="idNumber" label={t('fieldwork.field.idNumber')} extra={worker.idNumber ?? undefined}>
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('fieldwork.field.equipment')}>
        <Form.List name="equipment">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'item']}
                    rules={[{ required: true, max: 100 }]}
                    style={{ flex: 2 }}
                  >
                    <Input placeholder={t('fieldwork.field.equipment.item')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'serial']} style={{ flex: 1 }}>
                    <Input placeholder={t('fieldwork.field.equipment.serial')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '' })}>
                {t('fieldwork.field.equipment.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="duties" label={t('fieldwork.field.duties')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="registrationFile" label={t('fieldwork.field.registrationFile')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
    </FormDialog>
  );
}

export function GridsDialog({ worker, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<{ grids: string[] }>();
  const submit = useFormSubmit(form, (field) => (field.startsWith('grids') ? 'grids' : undefined));
  return (
    <FormDialog<{ grids: string[] }>
      title={`${t('fieldwork.grids.edit')} · ${worker.name}`}
      form={form}
      submit={submit}
      onFinish={(v) =>
        submit.run(async () => onDone(await api.post<TWorker>(`${FIELD_API}/workers/${worker.id}/grids`, v)))
      }
      onClose={onClose}
      initialValues={{ grids: worker.grids.map((g) => g.code) }}
    >
      <Form.Item name="grids" label={t('fieldwork.field.grids')} extra={t('fieldwork.grids.hint')}>
        <Select mode="tags" tokenSeparators={[',', ' ', '，']} />
      </Form.Item>
    </FormDialog>
  );
}

export function RevealDialog({
  worker,
  onClose,
  onRevealed,
}: Omit<Props, 'onDone'> & { onRevealed: (n: string | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = useFormSubmit(form, fieldsNamed(['reason']));
  return (
    <FormDialog<{ reason: string }>
      title={t('fieldwork.reveal')}
      okText={t('fieldwork.reveal')}
      form={form}
      submit={submit}
      onFinish={(v) =>
        submit.run(async () => {
          const answer = await api.post<{ idNumber: string | null }>(
            `${FIELD_API}/workers/${worker.id}/reveal`,
            v,
          );
          onRevealed(answer.idNumber);
        })
      }
      onClose={onClose}
    >
      <Form.Item
        name="reason"
        label={t('fieldwork.reveal.reason')}
        rules={[{ required: true, min: 2, max: 500 }]}
      >
        <Input maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}

export interface DisableAnswer {
  worker: TWorker;
  endedSessions: number;
  handedBack: { caseId: string; trackingNo: string; task: number }[];
  left: { caseId: string; trackingNo: string; reason: string }[];
}

export function DisableDialog({
  worker,
  onClose,
  onDisabled,
}: Omit<Props, 'onDone'> & { onDisabled: (a: DisableAnswer) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string; leftOn?: Dayjs }>();
  const submit = useFormSubmit(form, fieldsNamed(['reason', 'leftOn']));
  return (
    <FormDialog<{ reason: string; leftOn?: Dayjs }>
      title={`${t('fieldwork.disable')} · ${worker.name}`}
      okText={t('fieldwork.disable')}
      okButtonProps={{ danger: true, 'data-testid': 'worker-disable-ok' }}
      form={form}
      submit={submit}
      notice={
        <Alert type="warning" showIcon title={t('fieldwork.disable.hint')} style={{ marginBottom: 16 }} />
      }
      onFinish={(v) =>
        submit.run(async () => {
          const answer = await api.post<DisableAnswer>(`${FIELD_API}/workers/${worker.id}/disable`, {
            reason: v.reason,
            ...(v.leftOn ? { leftOn: day(v.leftOn) } : {}),
          });
          onDisabled(answer);
        })
      }
      onClose={onClose}
      initialValues={{ leftOn: dayjs() }}
    >
      <Form.Item
        name="reason"
        label={t('fieldwork.disable.reason')}
        rules={[{ required: true, min: 2, max: 500 }]}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="leftOn" label={t('fieldwork.field.leftOn')}>
        <DatePicker />
      </Form.Item>
    </FormDialog>
  );
}
