import type { TOrgUnitDetail } from '@civgrid/contracts';
import { Col, Row, Statistic } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/zh-CN.ts';

type CountKey = keyof TOrgUnitDetail['counts'];
const COUNTS: [CountKey, MessageKey][] = [
  ['grids', 'org.counts.grids'],
  ['buildings', 'org.counts.buildings'],
  ['houses', 'org.counts.houses'],
  ['residents', 'org.counts.residents'],
];

/** The unit's registers at a glance. */
export function UnitCounts({ counts }: { counts: TOrgUnitDetail['counts'] }) {
  const t = useT();
  return (
    <Row gutter={16} data-testid="unit-counts">
      {COUNTS.map(([key, label]) => (
        <Col key={key} span={6}>
          <Statistic title={t(label)} value={counts[key]} />
        </Col>
      ))}
    </Row>
  );
}
