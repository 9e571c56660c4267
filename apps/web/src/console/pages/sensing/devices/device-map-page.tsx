// 设备地图: the sensing devices of the jurisdiction on the grid map, green when online and grey when
// not, with the counts, the last time each was heard from, a unit filter and the table beside the map.
// Filters live in the URL, like the registers' lists; the state refreshes every minute.
import { ReloadOutlined } from '@ant-design/icons';
import type { TDeviceStatus } from '@civgrid/contracts';
import { Alert, Button, Card, Col, Flex, Row, Segmented, Statistic } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { describeError } from '../../../../lib/describe-error.ts';
import { formatTime } from '../../../../lib/time.ts';
import { UnitFilter } from '../../registry/shared/unit-filter.tsx';
import { DeviceLayer, type MarkerStyle } from '../shared/device-layer.tsx';
import { deviceTypeName } from '../shared/device-names.ts';
import { MarkerLegend } from '../shared/map-legend.tsx';
import { PanTo } from '../shared/pan-to.tsx';
import { SensingMap } from '../shared/sensing-map.tsx';
import { useAllDevices } from '../shared/use-all-devices.ts';
import { DeviceStatusTable } from './device-status-table.tsx';

export const DEVICE_COLOURS = { online: '#389e0d', offline: '#8c8c8c', selected: '#cf1322' } as const;
const STATES = ['all', 'online', 'offline'] as const;
type StateFilter = (typeof STATES)[number];
const REFRESH_MS = 60_000;
const MAP_HEIGHT = 640;

export function DeviceMapPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const under = params.get('under') ?? undefined;
  const state: StateFilter = STATES.find((s) => s === params.get('state')) ?? 'all';
  const [selected, setSelected] = useState<string | null>(null);
  const all = useAllDevices({ under, online: state === 'all' ? undefined : state === 'online' });
  const { devices, reload } = all;

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const update = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setSelected(null);
  };

  const styleOf = useCallback(
    (d: TDeviceStatus): MarkerStyle => {
      const colour = d.online ? DEVICE_COLOURS.online : DEVICE_COLOURS.offline;
      return d.code === selected
        ? { colour: DEVICE_COLOURS.selected, fill: colour, radius: 10, weight: 3 }
        : { colour: '#fff', fill: colour, radius: 7 };
    },
    [selected],
  );
  const tooltipOf = (d: TDeviceStatus) => [
    d.name,
    `${d.code} · ${deviceTypeName(d.type, t)} · ${d.gridCode}`,
    d.online ? t('sensing.devices.online') : t('sensing.devices.offline'),
    t('sensing.devices.lastSeenAt', { time: formatTime(d.lastSeen) ?? t('sensing.devices.neverSeen') }),
  ];
  const focus = useMemo(() => devices.map((d) => [d.lat, d.lng] as const), [devices]);
  const picked = devices.find((d) => d.code === selected) ?? null;
  const total = all.online + all.offline;

  return (
    <Card
      title={t('nav.sensing.devices')}
      extra={
        <Flex gap={8} wrap>
          <UnitFilter value={under} onChange={(code) => update('under', code)} testId="devices-unit" />
          <Segmented<StateFilter>
            value={state}
            options={STATES.map((value) => ({ value, label: t(`sensing.devices.filter.${value}`) }))}
            onChange={(value) => update('state', value === 'all' ? undefined : value)}
            data-testid="devices-state"
          />
          <Button icon={<ReloadOutlined />} onClick={reload} loading={all.loading}>
            {t('sensing.devices.refresh')}
          </Button>
        </Flex>
      }
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="device-counts">
        <Col xs={12} md={6}>
          <Statistic loading={!all.hasLoaded} title={t('sensing.devices.total')} value={total} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            loading={!all.hasLoaded}
            title={t('sensing.devices.online')}
            value={all.online}
            styles={{ content: { color: DEVICE_COLOURS.online } }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic loading={!all.hasLoaded} title={t('sensing.devices.offline')} value={all.offline} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            loading={!all.hasLoaded}
            title={t('sensing.devices.onlineRate')}
            value={total ? (100 * all.online) / total : 0}
            precision={1}
            suffix="%"
          />
        </Col>
      </Row>
      {all.error !== undefined && (
        <Alert type="error" showIcon title={describeError(all.error, t)} style={{ marginBottom: 16 }} />
      )}
      {all.isCapped && (
        <Alert type="info" showIcon title={t('sensing.devices.capped')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <SensingMap under={under} focus={focus} height={MAP_HEIGHT} testId="device-map">
            <DeviceLayer
              devices={devices}
              styleOf={styleOf}
              tooltipOf={tooltipOf}
              onClick={(d) => setSelected(d.code)}
            />
            <PanTo point={picked} />
          </SensingMap>
          <div style={{ marginTop: 8 }}>
            <MarkerLegend
              entries={[
                [t('sensing.devices.online'), DEVICE_COLOURS.online],
                [t('sensing.devices.offline'), DEVICE_COLOURS.offline],
              ]}
            />
          </div>
        </Col>
        <Col xs={24} xl={10}>
          <DeviceStatusTable
            devices={devices}
            loading={all.loading}
            selected={selected}
            onSelect={setSelected}
          />
        </Col>
      </Row>
    </Card>
  );
}
