// 下达指令: title, text, deadline, whether a reply is required, the units (each with everything under it)
// and roles it goes to. The client id is made once per dialog, so pressing OK again after a lost answer
// sends nothing twice.
import type { TOrgUnit } from '@civgrid/contracts';
import { DatePicker, Form, Input, Select, Switch, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { FieldWorkMessageKey } from '../../../i18n/field-zh-CN.ts';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api, query } from '../../../lib/api.ts';
import { toZonedIso } from '../../../lib/time.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../components/use-form-submit.ts';
import { INSTRUCTIONS_API, newClientId, RECIPIENT_ROLES, type TInstructionPage } from './command-api.ts';

interface Values {
  title: string;
  body: string;
  deadline?: Dayjs;
  replyRequired: boolean;
  units: string[];
  roles: string[];
}

interface Node {
  value: string;
  title: string;
  pId?: string;
  isLeaf: boolean;
}

const toNode = (u: TOrgUnit): Node => ({
  value: u.code,
  title: `${u.name} ${u.code}`,
  ...(u.parentCode ? { pId: u.parentCode } : {}),
  isLeaf: u.level === 'grid' || u.childCount === 0,
});

export function SendDialog({
  onClose,
  onSent,
}: {
  onClose: () => void;
  onSent: (page: TInstructionPage) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, fieldsNamed(['title', 'body', 'deadline', 'units', 'roles']));
  const clientId = useMemo(newClientId, []);
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    void api.get<{ units: TOrgUnit[] }>('/api/v1/org/units').then((r) => setNodes(r.units.map(toNode)));
  }, []);

  const loadChildren = async (parent: string) => {
    const { units } = await api.get<{ units: TOrgUnit[] }>(`/api/v1/org/units${query({ parent })}`);
    setNodes((current) => [
      ...current,
      ...units.filter((u) => !current.some((n) => n.value === u.code)).map(toNode),
    ]);
  };

  const onFinish = (values: Values) =>
    submit.run(async () => {
      const page = await api.post<TInstructionPage>(INSTRUCTIONS_API, {
        clientId,
        title: values.title,
        body: values.body,
        ...(values.deadline ? { deadline: toZonedIso(values.deadline) } : {}),
        replyRequired: values.replyRequired,
        units: values.units ?? [],
        roles: values.roles ?? [],
      });
      onSent(page);
    });

  return (
    <FormDialog<Values>
      title={t('command.send')}
      okText={t('command.send')}
      okButtonProps={{ 'data-testid': 'command-send-ok' }}
      width={640}
      form={form}
      submit={submit}
      onFinish={onFinish}
      onClose={onClose}
      initialValues={{ replyRequired: true, units: [], roles: [] }}
      testId="command-send-form"
    >
      <Form.Item name="title" label={t('command.field.title')} rules={[{ required: true, max: 200 }]}>
        <Input maxLength={200} data-testid="command-title" />
      </Form.Item>
      <Form.Item name="body" label={t('command.field.body')} rules={[{ required: true, max: 4000 }]}>
        <Input.TextArea rows={5} maxLength={4000} showCount data-testid="command-body" />
      </Form.Item>
      <Form.Item name="units" label={t('command.field.units')} extra={t('command.field.units.hint')}>
        <TreeSelect
          treeDataSimpleMode
          treeData={nodes}
          multiple
          allowClear
          showSearch
          treeNodeFilterProp="title"
          loadData={(node) => loadChildren(String(node.value))}
          data-testid="command-units"
        />
      </Form.Item>
      <Form.Item name="roles" label={t('command.field.roles')} extra={t('command.field.roles.hint')}>
        <Select
          mode="multiple"
          allowClear
          options={RECIPIENT_ROLES.map((r) => ({
            value: r,
            label: t(`command.role.${r}` as FieldWorkMessageKey),
          }))}
          data-testid="command-roles"
        />
      </Form.Item>
      <Form.Item name="deadline" label={t('command.field.deadline')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="replyRequired" label={t('command.field.replyRequired')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDialog>
  );
}
