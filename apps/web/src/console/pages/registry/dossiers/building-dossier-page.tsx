// 楼栋: a building, its houses, organisations and devices, and its QR label (print the grid's sheet
// with this building marked, or only this building's label, e.g. to replace a damaged one).
import { DownOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { labelsPath } from '../shared/registers.ts';
import type { TBuildingDossier } from '../shared/types.ts';
import { BuildingHousesTable } from './building-houses-table.tsx';
import { DossierSection, lngLat, RecordDossier } from './record-dossier.tsx';
import { RefTags } from './ref-tags.tsx';

export function BuildingDossierPage() {
  const t = useT();
  const navigate = useNavigate();

  const printActions = ({ building }: TBuildingDossier) => (
    <Space.Compact>
      <Button
        icon={<QrcodeOutlined />}
        onClick={() => navigate(labelsPath(building.gridCode, { highlight: building.id }))}
        data-testid="building-print-labels"
      >
        {t('building.printLabels')}
      </Button>
      <Dropdown
        menu={{
          items: [{ key: 'single', label: t('building.printSingle') }],
          onClick: () => navigate(labelsPath(building.gridCode, { only: building.id })),
        }}
      >
        <Button icon={<DownOutlined />} aria-label={t('building.printSingle')} />
      </Dropdown>
    </Space.Compact>
  );

  return (
    <RecordDossier<TBuildingDossier>
      kind="buildings"
      title={(d) => d.building.name}
      extra={printActions}
      record={({ building: b, organisations, devices }) => [
        { key: 'code', label: t('field.buildings.code'), children: b.code },
        { key: 'name', label: t('field.buildings.name'), children: b.name },
        { key: 'address', label: t('field.buildings.address'), children: b.address },
        { key: 'gridCode', label: t('field.buildings.gridCode'), children: b.gridCode },
        { key: 'location', label: t('dossier.location'), children: lngLat(b) },
        { key: 'units', label: t('field.buildings.units'), children: b.units },
        { key: 'floors', label: t('field.buildings.floors'), children: b.floors },
        { key: 'houses', label: t('field.buildings.houses'), children: b.houses },
        { key: 'residents', label: t('field.buildings.residents'), children: b.residents },
        {
          key: 'organisations',
          label: t('dossier.organisations'),
          children: <RefTags kind="organisations" refs={organisations} />,
        },
        { key: 'devices', label: t('dossier.devices'), children: <RefTags kind="devices" refs={devices} /> },
      ]}
      sections={({ houses }) => (
        <DossierSection title={t('dossier.houses')}>
          <BuildingHousesTable houses={houses} />
        </DossierSection>
      )}
    />
  );
}
