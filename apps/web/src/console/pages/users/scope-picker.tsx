// The unit a user is scoped to: picked from the hierarchy, or typed as a code (faster for an operator
// who knows it, and the only way to reach a grid among thousands). Units at a level the chosen role
// cannot hold are shown but not selectable.
import type { TOrgUnit, TOrgUnitDetail } from '@civgrid/contracts';
import { isScopeLevelAllowed, type Role } from '@civgrid/domain';
import { Flex, Input, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { LevelTag } from '../org/level-tag.tsx';
import { useUnitOptions } from './use-unit-options.ts';

interface Props {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  role: Role | undefined;
}

function toOption(unit: TOrgUnit, role: Role | undefined) {
  return {
    id: unit.code,
    pId: unit.parentCode,
    value: unit.code,
    isLeaf: unit.level === 'grid' || unit.childCount === 0,
    selectable: role === undefined || isScopeLevelAllowed(role, unit.level),
    title: (
      <span>
        <LevelTag level={unit.level} />
        {unit.name} <Typography.Text type="secondary">{unit.code}</Typography.Text>
      </span>
    ),
  };
}

export function ScopePicker({ id, value, onChange, role }: Props) {
  const t = useT();
  const options = useUnitOptions();
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  const lookup = async (typed: string) => {
    const code = typed.trim();
    if (!code) return;
    setLooking(true);
    setLookupError(null);
    try {
      const unit = await api.get<TOrgUnitDetail>(`/api/v1/org/units/${encodeURIComponent(code)}`);
      options.add(unit);
      onChange?.(unit.code);
    } catch (error) {
      setLookupError(
        error instanceof ApiError && error.status === 404
          ? t('users.scopeUnknown', { code })
          : describeError(error, t),
      );
    } finally {
      setLooking(false);
    }
  };

  return (
    <Flex vertical gap={8}>
      <TreeSelect
        id={id}
        value={value}
        onChange={(code: string | undefined) => onChange?.(code)}
        treeDataSimpleMode // parentless nodes become roots: the scope root, and units found by code
        treeData={options.units.map((unit) => toOption(unit, role))}
        loadData={(node) => options.loadChildren(String(node.value))}
        treeLoadedKeys={options.loadedCodes}
        placeholder={t('users.scopePick')}
        allowClear
        data-testid="scope-tree-select"
      />
      <Input.Search
        placeholder={t('users.scopeCode')}
        enterButton={t('users.scopeLookup')}
        loading={looking}
        onSearch={lookup}
        data-testid="scope-code-input"
      />
      {lookupError && <Typography.Text type="danger">{lookupError}</Typography.Text>}
    </Flex>
  );
}
