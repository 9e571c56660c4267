// A unit of the user's jurisdiction, picked from the lazily loaded hierarchy or found by typing its
// name or code among the units opened so far. `gridsOnly` is for pages that need one grid (labels).
import type { TOrgUnit, TOrgUnitDetail } from '@civgrid/contracts';
import { TreeSelect, Typography } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { LevelTag } from '../../org/level-tag.tsx';
import { useUnitOptions } from '../../users/use-unit-options.ts';

interface Props {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  placeholder?: string;
  gridsOnly?: boolean;
  width?: number;
  testId?: string;
}

export function UnitFilter({ value, onChange, placeholder, gridsOnly = false, width = 280, testId }: Props) {
  const t = useT();
  const options = useUnitOptions();

  // A code from the URL or typed elsewhere may name a unit not opened in the tree yet: fetch it, so the
  // box shows its name rather than a bare code.
  const { units, add } = options;
  const isKnown = value === undefined || units.some((unit) => unit.code === value);
  useEffect(() => {
    if (isKnown || value === undefined) return;
    const controller = new AbortController();
    api
      .get<TOrgUnitDetail>(`/api/v1/org/units/${encodeURIComponent(value)}`, { signal: controller.signal })
      .then(add)
      .catch(() => undefined); // an unknown code stays as typed; the list answers for it
    return () => controller.abort();
  }, [value, isKnown, add]);

  const treeData = units.map((unit: TOrgUnit) => ({
    id: unit.code,
    pId: unit.parentCode,
    value: unit.code,
    isLeaf: unit.level === 'grid' || unit.childCount === 0,
    selectable: !gridsOnly || unit.level === 'grid',
    // Searched by TreeSelect (treeNodeFilterProp): both the name and the code match.
    search: `${unit.name} ${unit.code}`,
    title: (
      <span>
        <LevelTag level={unit.level} />
        {unit.name} <Typography.Text type="secondary">{unit.code}</Typography.Text>
      </span>
    ),
  }));

  return (
    <TreeSelect
      value={value}
      onChange={(code: string | undefined) => onChange(code)}
      treeDataSimpleMode // parentless nodes become roots: the user's scope root
      treeData={treeData}
      loadData={(node) => options.loadChildren(String(node.value))}
      treeLoadedKeys={options.loadedCodes}
      showSearch={{ treeNodeFilterProp: 'search' }}
      placeholder={placeholder ?? t('registry.filter.unit')}
      allowClear
      style={{ width }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
