// 组织与网格: the hierarchy on the left; the selected unit's details, map and grids on the right.
// The selection lives in the URL (?unit=), so a view can be bookmarked or sent to a colleague.
import type { TGridMap, TOrgUnitDetail } from '@civgrid/contracts';
import { Alert, Card, Col, Empty, Flex, Result, Row, Spin } from 'antd';
import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { ApiError, query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { useSession } from '../../session/session-provider.tsx';
import { GridMap } from './grid-map.tsx';
import { GridsTable } from './grids-table.tsx';
import { MapLegend } from './map-legend.tsx';
import { OrgTree } from './org-tree.tsx';
import { UnitDetail } from './unit-detail.tsx';
import { useOrgTree } from './use-org-tree.ts';

const MAP_HEIGHT = 420;
const TREE_HEIGHT = 720;

export function OrgPage() {
  const t = useT();
  const { config } = useSession();
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree();
  const selected = params.get('unit') ?? tree.roots?.[0]?.code ?? null;
  const select = useCallback((code: string) => setParams({ unit: code }), [setParams]);

  const detail = useApiGet<TOrgUnitDetail>(
    selected ? `/api/v1/org/units/${encodeURIComponent(selected)}` : null,
  );
  // While the next unit loads, the previous one stays on screen (dimmed): no flicker, no map reset.
  const unit = detail.data;

  // A unit chosen on the map or in the table may sit in a part of the tree not yet opened.
  const { reveal } = tree;
  useEffect(() => {
    if (unit) void reveal(unit.ancestors.map((a) => a.code)).catch(() => undefined);
  }, [unit, reveal]);

  // A grid is shown among its village's grids, so clicking through neighbours keeps the map still.
  const mapUnder =
    unit?.level === 'grid' && unit.parentCode && tree.isKnown(unit.parentCode) ? unit.parentCode : unit?.code;
  const map = useApiGet<TGridMap>(mapUnder ? `/api/v1/org/map${query({ under: mapUnder })}` : null);

  const isMissing = detail.error instanceof ApiError && detail.error.status === 404;

  return (
    <Row gutter={16}>
      <Col xs={24} lg={8} xxl={6}>
        <Card title={t('org.tree')} size="small" styles={{ body: { padding: 8 } }}>
          <OrgTree tree={tree} selected={selected} onSelect={select} height={TREE_HEIGHT} />
        </Card>
      </Col>
      <Col xs={24} lg={16} xxl={18}>
        <Flex vertical gap={16}>
          <Card title={t('org.detail')} size="small">
            {isMissing ? (
              <Result status="404" title={t('org.notFound')} />
            ) : detail.error !== undefined ? (
              <Alert type="error" showIcon title={describeError(detail.error, t)} />
            ) : unit ? (
              <Spin spinning={detail.loading}>
                <UnitDetail unit={unit} isSelectable={tree.isKnown} onSelect={select} />
              </Spin>
            ) : selected ? (
              <Spin />
            ) : (
              <Empty description={t('org.selectHint')} />
            )}
          </Card>
          <Card title={t('org.map')} size="small" extra={<MapLegend />}>
            {map.error !== undefined && (
              <Alert type="error" showIcon title={describeError(map.error, t)} style={{ marginBottom: 8 }} />
            )}
            <Spin spinning={map.loading}>
              <GridMap
                map={map.data}
                tileUrl={config?.tileUrl ?? null}
                selectedCode={unit?.level === 'grid' ? unit.code : null}
                onSelect={select}
                height={MAP_HEIGHT}
              />
            </Spin>
            {map.data && map.data.features.length === 0 && (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.mapEmpty')} />
            )}
          </Card>
          {unit && unit.level !== 'grid' && (
            <Card title={t('org.grids')} size="small">
              <GridsTable key={unit.code} under={unit.code} onSelect={select} />
            </Card>
          )}
        </Flex>
      </Col>
    </Row>
  );
}
