// Edit a person. Only changed fields are sent; the masked phone is never sent back as a "new" number.
// A rule the server finds wrong (a house code outside the jurisdiction, a bad phone) shows under its field.
import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { registerApi } from '../shared/registers.ts';
import type { TPersonDossier, TPersonUpdate } from '../shared/types.ts';
import { PERSON_FIELDS, PersonFields, type PersonFieldValues } from './person-fields.tsx';

interface Props {
  dossier: TPersonDossier;
  onClose: () => void;
  onSaved: (dossier: TPersonDossier) => void;
}

/** What differs from the record; blank text means "none" except for the phone, where it means "keep". */
function changesOf(values: PersonFieldValues, dossier: TPersonDossier): TPersonUpdate {
  const { person, house } = dossier;
  const patch: TPersonUpdate = {};
  const name = values.name?.trim();
  if (name && name !== person.name) patch.name = name;
  const phone = values.phone?.trim();
  if (phone) patch.phone = phone;
  if (values.householdType && values.householdType !== person.householdType) {
    patch.householdType = values.householdType;
  }
  const relation = values.relation?.trim() || null;
  if (relation !== person.relation) patch.relation = relation;
  const houseCode = values.houseCode?.trim() || null;
  if (houseCode !== (house?.code ?? null)) patch.houseCode = houseCode;
  return patch;
}

export function PersonEditDialog({ dossier, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonFieldValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async (values: PersonFieldValues) => {
    const patch = changesOf(values, dossier);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const next = await api.patch<TPersonDossier>(
        `${registerApi('persons')}/${encodeURIComponent(dossier.person.id)}`,
        patch,
      );
      message.success(t('person.saved'));
      onSaved(next);
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      if (field && (PERSON_FIELDS as readonly string[]).includes(field)) {
        form.setFields([{ name: field as keyof PersonFieldValues, errors: [(error as ApiError).message] }]);
      } else {
        setFailure(describeError(error, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('person.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<PersonFieldValues>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          name: dossier.person.name,
          householdType: dossier.person.householdType,
          relation: dossier.person.relation ?? '',
          houseCode: dossier.house?.code ?? '',
        }}
        data-testid="person-form"
      >
        <PersonFields isNameRequired />
      </Form>
    </Modal>
  );
}
