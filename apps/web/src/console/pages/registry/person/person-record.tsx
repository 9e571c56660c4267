// The person's record. Identity and phone numbers are masked as the server sent them, unless a reveal
// has just returned their plaintext, which is then marked as such with the seconds left.
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../../lib/time.ts';
import { MaskedText } from '../shared/masked-text.tsx';
import type { TPersonDossier } from '../shared/types.ts';
import type { Revealed } from './use-revealed.ts';

interface Props {
  person: TPersonDossier['person'];
  revealed: Revealed;
}

export function PersonRecord({ person, revealed }: Props) {
  const t = useT();
  const none = t('common.none');
  const plain = revealed.value;

  const secret = (masked: string | null, clear: string | null | undefined, testId: string): ReactNode =>
    plain ? (
      <Space size={8} wrap>
        <span data-testid={testId}>
          <MaskedText value={clear ?? null} />
        </span>
        <Tag color="red">{t('person.revealedFor', { seconds: revealed.secondsLeft })}</Tag>
        <Button size="small" type="link" onClick={revealed.hide}>
          {t('person.hideNow')}
        </Button>
      </Space>
    ) : (
      <span data-testid={testId}>
        <MaskedText value={masked} />
      </span>
    );

  return (
    <Card title={t('dossier.record')} size="small">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('field.persons.name'), children: person.name },
          {
            key: 'idNumber',
            label: t('field.persons.idNumber'),
            children: secret(person.idNumber, plain?.idNumber, 'person-id-number'),
          },
          {
            key: 'gender',
            label: t('field.persons.gender'),
            children: person.gender ? t(`enum.gender.${person.gender}`) : none,
          },
          { key: 'birthDate', label: t('field.persons.birthDate'), children: person.birthDate ?? none },
          {
            key: 'phone',
            label: t('field.persons.phone'),
            children: secret(person.phone, plain?.phone, 'person-phone'),
          },
          {
            key: 'householdType',
            label: t('field.persons.householdType'),
            children: t(`enum.householdType.${person.householdType}`),
          },
          { key: 'relation', label: t('field.persons.relation'), children: person.relation ?? none },
          { key: 'gridCode', label: t('field.persons.gridCode'), children: person.gridCode },
          { key: 'address', label: t('field.persons.address'), children: person.address ?? none },
          {
            key: 'createdAt',
            label: t('field.persons.createdAt'),
            children: formatTime(person.createdAt) ?? none,
          },
          {
            key: 'updatedAt',
            label: t('field.persons.updatedAt'),
            children: formatTime(person.updatedAt) ?? none,
          },
        ]}
      />
    </Card>
  );
}
