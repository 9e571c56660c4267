// What one unit is: its place in the hierarchy (breadcrumb), its code and level, its register counts.
import type { TOrgUnitDetail } from '@civgrid/contracts';
import { Breadcrumb, Descriptions, Divider, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { LevelTag } from './level-tag.tsx';
import { UnitCounts } from './unit-counts.tsx';

interface Props {
  unit: TOrgUnitDetail;
  /** Ancestors outside the user's scope are shown but not clickable (the server would answer 404). */
  isSelectable: (code: string) => boolean;
  onSelect: (code: string) => void;
}

export function UnitDetail({ unit, isSelectable, onSelect }: Props) {
  const t = useT();
  const crumbs = [
    ...unit.ancestors.map((a) => ({
      title: isSelectable(a.code) ? (
        <Typography.Link onClick={() => onSelect(a.code)}>{a.name}</Typography.Link>
      ) : (
        a.name
      ),
    })),
    { title: <Typography.Text strong>{unit.name}</Typography.Text> },
  ];
  const parent = unit.ancestors.at(-1);

  return (
    <div data-testid="unit-detail">
      <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'name', label: t('org.name'), children: unit.name },
          {
            key: 'code',
            label: t('org.code'),
            children: <Typography.Text code>{unit.code}</Typography.Text>,
          },
          { key: 'level', label: t('org.level'), children: <LevelTag level={unit.level} /> },
          { key: 'parent', label: t('org.parent'), children: parent ? parent.name : t('common.none') },
          {
            key: 'smart',
            label: t('org.smartCommunity'),
            children: unit.smartCommunity ? t('org.yes') : t('org.no'),
          },
        ]}
      />
      <Divider style={{ margin: '12px 0' }} />
      <UnitCounts counts={unit.counts} />
    </div>
  );
}
