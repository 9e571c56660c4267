// 社区组织: the six-in-one organisations (party branch, committees, property company, building heads…).
import type { TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { MaskedText } from '../shared/masked-text.tsx';
import type { TOrganisationSummary } from '../shared/types.ts';
import { RegisterList } from './register-list.tsx';

export function OrganisationsListPage() {
  const t = useT();
  const none = t('common.none');
  const columns: TableColumnsType<TOrganisationSummary> = [
    { title: t('field.organisations.code'), dataIndex: 'code', fixed: 'start' },
    {
      title: t('field.organisations.kind'),
      dataIndex: 'kind',
      render: (_, o) => t(`enum.orgKind.${o.kind}`),
    },
    { title: t('field.organisations.name'), dataIndex: 'name' },
    { title: t('field.organisations.unit'), key: 'unit', render: (_, o) => o.unit.name },
    {
      title: t('field.organisations.building'),
      key: 'building',
      render: (_, o) => o.building?.label ?? none,
    },
    {
      title: t('field.organisations.contactName'),
      dataIndex: 'contactName',
      render: (_, o) => o.contactName ?? none,
    },
    {
      title: t('field.organisations.contactPhone'),
      dataIndex: 'contactPhone',
      render: (_, o) => <MaskedText value={o.contactPhone} />,
    },
  ];
  return <RegisterList<TOrganisationSummary> kind="organisations" columns={columns} />;
}
