import type { OrgLevel } from '@civgrid/domain';
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';

// One colour a level, the same on every page, so the eye learns them.
const LEVEL_COLOURS: Record<OrgLevel, string> = {
  city: 'magenta',
  county: 'volcano',
  township: 'gold',
  village: 'green',
  grid: 'blue',
};

export function LevelTag({ level }: { level: OrgLevel }) {
  const t = useT();
  return (
    <Tag color={LEVEL_COLOURS[level]} style={{ marginInlineEnd: 6 }}>
      {t(`level.${level}`)}
    </Tag>
  );
}
