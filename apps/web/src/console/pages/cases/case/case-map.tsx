// Where the case is: its grid drawn faintly and the reported point, or a plain word when the case is not
// placed yet (a resident's report without a point, waiting for a centre to place it).
import { Alert } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { PanTo } from '../../sensing/shared/pan-to.tsx';
import { SensingMap } from '../../sensing/shared/sensing-map.tsx';
import type { TCasePage } from '../shared/cases.ts';
import { PointMarker } from '../shared/point-marker.tsx';

const HEIGHT = 260;

export function CaseMap({ page }: { page: TCasePage }) {
  const t = useT();
  const { gridCode, location } = page.case;
  if (gridCode === null) {
    return <Alert type="info" showIcon title={t('cases.map.unlocated')} data-testid="case-unlocated" />;
  }
  return (
    <>
      {/* Fitted to the grid, which holds the point: the point alone says little on a map without tiles. */}
      <SensingMap under={gridCode} height={HEIGHT} testId="case-map">
        <PointMarker point={location} />
        <PanTo point={location} />
      </SensingMap>
      {!location && (
        <Alert
          type="info"
          showIcon
          title={t('cases.map.gridOnly', { grid: gridCode })}
          style={{ marginTop: 8 }}
        />
      )}
    </>
  );
}
