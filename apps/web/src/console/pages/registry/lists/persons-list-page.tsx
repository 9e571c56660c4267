// 实有人口: residents of the user's jurisdiction, found by name, initials, ID digits or mobile.
import type { TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { CategoryTags } from '../shared/category-tags.tsx';
import { MaskedText } from '../shared/masked-text.tsx';
import type { TPersonSummary } from '../shared/types.ts';
import { useCategories } from '../shared/use-categories.ts';
import { RegisterList } from './register-list.tsx';

export function PersonsListPage() {
  const t = useT();
  const categories = useCategories();
  const none = t('common.none');
  const columns: TableColumnsType<TPersonSummary> = [
    { title: t('field.persons.name'), dataIndex: 'name', width: 110, fixed: 'start' },
    {
      title: t('field.persons.idNumber'),
      dataIndex: 'idNumber',
      render: (_, p) => <MaskedText value={p.idNumber} />,
    },
    {
      title: t('field.persons.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (_, p) => (p.gender ? t(`enum.gender.${p.gender}`) : none),
    },
    { title: t('field.persons.birthDate'), dataIndex: 'birthDate', render: (_, p) => p.birthDate ?? none },
    { title: t('field.persons.phone'), dataIndex: 'phone', render: (_, p) => <MaskedText value={p.phone} /> },
    {
      title: t('field.persons.householdType'),
      dataIndex: 'householdType',
      render: (_, p) => t(`enum.householdType.${p.householdType}`),
    },
    { title: t('field.persons.gridCode'), dataIndex: 'gridCode' },
    {
      title: t('field.persons.categories'),
      dataIndex: 'categories',
      render: (_, p) => <CategoryTags codes={p.categories} categories={categories} />,
    },
    { title: t('field.persons.address'), dataIndex: 'address', render: (_, p) => p.address ?? none },
  ];
  return <RegisterList<TPersonSummary> kind="persons" columns={columns} categories={categories} />;
}
