import { Flex, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/zh-CN.ts';
import { GRID_COLOURS } from './grid-map.tsx';

const ENTRIES: [MessageKey, string][] = [
  ['org.legend.grid', GRID_COLOURS.grid],
  ['org.legend.smart', GRID_COLOURS.smart],
  ['org.legend.selected', GRID_COLOURS.selected],
];

/** What the polygon colours of the grid map mean. */
export function MapLegend() {
  const t = useT();
  return (
    <Flex gap={16} wrap>
      {ENTRIES.map(([label, colour]) => (
        <Flex key={label} align="center" gap={6}>
          <span
            style={{
              display: 'inline-block',
              width: 14,
              height: 10,
              border: `2px solid ${colour}`,
              background: `${colour}33`,
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(label)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
