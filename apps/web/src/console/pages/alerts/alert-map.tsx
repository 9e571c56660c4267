// The alert centre's map: the alerts matching the list's filters where they happened (the building, the
// device or the grid's centre), coloured by severity, closed ones grey; a click opens the alert.
import { OPEN_ALERT_STATUSES } from '@civgrid/domain';
import { Alert, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { DeviceLayer, type MarkerStyle } from '../sensing/shared/device-layer.tsx';
import { SensingMap } from '../sensing/shared/sensing-map.tsx';
import { ALERTS_PATH, type TAlertMap } from './types.ts';

type Point = TAlertMap['points'][number] & { code: string };

const SEVERITY_COLOUR: Record<Point['severity'], string> = {
  high: '#cf1322',
  medium: '#fa8c16',
  low: '#1677ff',
};
const OPEN = new Set<string>(OPEN_ALERT_STATUSES);

/** `search` is the list's filter query string (without paging), so map and list show the same alerts. */
export function AlertMap({ search }: { search: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { data, error } = useApiGet<TAlertMap>(`/api/v1/alerts/map${search}`);
  const points = useMemo<Point[]>(() => (data?.points ?? []).map((p) => ({ ...p, code: p.id })), [data]);
  const focus = useMemo(() => points.map((p) => [p.lat, p.lng] as const), [points]);
  const styleOf = useCallback(
    (point: Point): MarkerStyle =>
      OPEN.has(point.status)
        ? { colour: '#fff', fill: SEVERITY_COLOUR[point.severity], radius: point.severity === 'high' ? 8 : 6 }
        : { colour: '#fff', fill: '#8c8c8c', radius: 5, weight: 1 },
    [],
  );
  const tooltipOf = useCallback(
    (point: Point) => [
      t(`alerts.rule.${point.rule}`),
      `${t('alerts.col.severity')}：${t(`alerts.severity.${point.severity}`)} · ${t(`alerts.status.${point.status}`)}`,
    ],
    [t],
  );

  return (
    <div style={{ marginBottom: 16 }}>
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <SensingMap focus={focus} height={320} testId="alerts-map">
        <DeviceLayer
          devices={points}
          styleOf={styleOf}
          tooltipOf={tooltipOf}
          onClick={(point) => navigate(`${ALERTS_PATH}/${point.id}`)}
          markerAttribute="data-alert"
        />
      </SensingMap>
      <Typography.Text type="secondary" data-testid="alerts-map-count">
        {data?.truncated
          ? t('alerts.map.truncated', { n: points.length })
          : t('alerts.map.count', { n: points.length })}
      </Typography.Text>
    </div>
  );
}
