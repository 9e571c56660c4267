// Edit a person. Only changed fields are sent; the masked phone is never sent back as a "new" number.
// A rule the server finds wrong (a house code outside the jurisdiction, a bad phone) shows under its field.
import { App, Form } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../../components/use-form-submit.ts';
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
  const submit = useFormSubmit(form, fieldsNamed(PERSON_FIELDS));

  const save = async (values: PersonFieldValues) => {
    const patch = changesOf(values, dossier);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await submit.run(async () => {
      const next = await api.patch<TPersonDossier>(
        `${registerApi('persons')}/${encodeURIComponent(dossier.person.id)}`,
        patch,
      );
      message.success(t('person.saved'));
      onSaved(next);
    });
  };

  return (
    <FormDialog
      title={t('person.editTitle')}
      form={form}
      submit={submit}
      onClose={onClose}
      onFinish={save}
      initialValues={{
        name: dossier.person.name,
        householdType: dossier.person.householdType,
        relation: dossier.person.relation ?? '',
        houseCode: dossier.house?.code ?? '',
      }}
      testId="person-form"
    >
      <PersonFields isNameRequired />
    </FormDialog>
  );
}
