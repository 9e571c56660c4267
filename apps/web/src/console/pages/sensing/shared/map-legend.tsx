// What the marker colours of a sensing map mean.
import { Flex, Typography } from 'antd';

export function MarkerLegend({ entries }: { entries: readonly (readonly [string, string])[] }) {
  return (
    <Flex gap={16} wrap>
      {entries.map(([label, colour]) => (
        <Flex key={label} align="center" gap={6}>
          <span
            style={{
              display: 'inline-block',
              width: 10,
              height: 10,
              borderRadius: '50%',
              border: `2px solid ${colour}`,
              background: colour,
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
