// The hierarchy tree: children load when a node opens; the selected unit is scrolled into view.
import type { TOrgUnit } from '@civgrid/contracts';
import { Alert, type GetRef, Spin, Tree, type TreeDataNode, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { describeError } from '../../../lib/describe-error.ts';
import { LevelTag } from './level-tag.tsx';
import type { OrgTreeState } from './use-org-tree.ts';

interface Props {
  tree: OrgTreeState;
  selected: string | null;
  onSelect: (code: string) => void;
  height: number;
}

function isLeaf(unit: TOrgUnit): boolean {
  return unit.level === 'grid' || unit.childCount === 0;
}

function toNodes(units: TOrgUnit[], childrenOf: Record<string, TOrgUnit[]>): TreeDataNode[] {
  return units.map((unit) => {
    const children = childrenOf[unit.code];
    return {
      key: unit.code,
      isLeaf: isLeaf(unit),
      title: (
        <span>
          <LevelTag level={unit.level} />
          {unit.name}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {unit.code}
          </Typography.Text>
        </span>
      ),
      ...(children ? { children: toNodes(children, childrenOf) } : {}),
    };
  });
}

export function OrgTree({ tree, selected, onSelect, height }: Props) {
  const t = useT();
  const ref = useRef<GetRef<typeof Tree>>(null);
  const { roots, rootError, childrenOf, expandedKeys, setExpandedKeys, loadChildren } = tree;
  const treeData = useMemo(() => (roots ? toNodes(roots, childrenOf) : []), [roots, childrenOf]);

  // After a selection from elsewhere (map, table, breadcrumb) the node may be far down the list, or
  // not loaded yet (then the reveal that follows expands the tree and this runs again). Scroll once
  // per selection, so that opening other branches afterwards does not jump back to it.
  const scrolledTo = useRef<string | null>(null);
  const { isKnown } = tree;
  useEffect(() => {
    if (!selected || scrolledTo.current === selected || !isKnown(selected) || expandedKeys.length === 0)
      return;
    scrolledTo.current = selected;
    ref.current?.scrollTo({ key: selected, align: 'auto' });
  }, [selected, expandedKeys, isKnown]);

  if (rootError) return <Alert type="error" showIcon title={describeError(rootError, t)} />;
  if (!roots) return <Spin />;
  return (
    <div data-testid="org-tree">
      <Tree
        ref={ref}
        blockNode
        height={height}
        treeData={treeData}
        loadData={(node) => loadChildren(String(node.key))}
        loadedKeys={Object.keys(childrenOf)}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setExpandedKeys(keys.map(String))}
        selectedKeys={selected ? [selected] : []}
        onSelect={(keys) => {
          const key = keys[0];
          if (key !== undefined) onSelect(String(key));
        }}
      />
    </div>
  );
}
