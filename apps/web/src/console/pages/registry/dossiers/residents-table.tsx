// The people living in a house; each name opens that person's dossier.
import { Table, type TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { CategoryTags } from '../shared/category-tags.tsx';
import { MaskedText } from '../shared/masked-text.tsx';
import type { TPersonSummary } from '../shared/types.ts';
import { useCategories } from '../shared/use-categories.ts';
import { RefTag } from './ref-tag.tsx';

export function ResidentsTable({ residents }: { residents: TPersonSummary[] }) {
  const t = useT();
  const categories = useCategories();
  const none = t('common.none');
  const columns: TableColumnsType<TPersonSummary> = [
    {
      title: t('field.persons.name'),
      dataIndex: 'name',
      render: (_, p) => <RefTag kind="persons" id={p.id} label={p.name} />,
    },
    {
      title: t('field.persons.idNumber'),
      dataIndex: 'idNumber',
      render: (_, p) => <MaskedText value={p.idNumber} />,
    },
    {
      title: t('field.persons.gender'),
      dataIndex: 'gender',
      render: (_, p) => (p.gender ? t(`enum.gender.${p.gender}`) : none),
    },
    { title: t('field.persons.birthDate'), dataIndex: 'birthDate', render: (_, p) => p.birthDate ?? none },
    {
      title: t('field.persons.householdType'),
      dataIndex: 'householdType',
      render: (_, p) => t(`enum.householdType.${p.householdType}`),
    },
    { title: t('field.persons.phone'), dataIndex: 'phone', render: (_, p) => <MaskedText value={p.phone} /> },
    {
      title: t('field.persons.categories'),
      dataIndex: 'categories',
      render: (_, p) => <CategoryTags codes={p.categories} categories={categories} />,
    },
  ];
  return (
    <Table<TPersonSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={residents}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="house-residents"
    />
  );
}
