// 巡查轨迹: a worker's patrols in a week on the map — each patrol a line through its fixes — and the
// buildings of the worker's grids, green when the week's track passed them, red when not.
import { DatePicker, Drawer, Flex, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { formatTime } from '../../../lib/time.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { type MapFocus, SensingMap, tooltipElement, useMapHandle } from '../sensing/shared/sensing-map.tsx';
import { FIELD_API, type TTrack } from './field-api.ts';

function TrackLayers({ track }: { track: TTrack }) {
  const t = useT();
  const { map, renderer, pane } = useMapHandle();
  useEffect(() => {
    const common = { renderer, pane };
    const layers: L.Layer[] = [];
    for (const b of track.buildings)
      layers.push(
        L.circleMarker([b.lat, b.lng], {
          ...common,
          radius: 5,
          color: b.passed ? '#389e0d' : '#cf1322',
          fillOpacity: 0.6,
          weight: 1,
        }).bindTooltip(() =>
          tooltipElement([b.code, b.passed ? t('fieldwork.track.passed') : t('fieldwork.track.missed')]),
        ),
      );
    for (const p of track.patrols) {
      if (p.points.length === 0) continue;
      layers.push(
        L.polyline(
          p.points.map(([lng, lat]) => L.latLng(lat, lng)),
          { ...common, color: '#1458c8', weight: 3, opacity: 0.8 },
        ).bindTooltip(() => tooltipElement([formatTime(p.startedAt) ?? '', formatTime(p.endedAt) ?? ''])),
      );
    }
    for (const layer of layers) layer.addTo(map);
    map.getContainer().dataset.trackPatrols = String(track.patrols.length);
    return () => {
      for (const layer of layers) layer.remove();
    };
  }, [map, renderer, pane, track, t]);
  return null;
}

/** The Monday of the week holding `day`. */
const mondayOf = (day: dayjs.Dayjs) => day.subtract((day.day() + 6) % 7, 'day').format('YYYY-MM-DD');

export function TrackDrawer({
  worker,
  month,
  onClose,
}: {
  worker: { id: string; name: string };
  month: string;
  onClose: () => void;
}) {
  const t = useT();
  const [week, setWeek] = useState(() => mondayOf(dayjs(`${month}-01`).add(6, 'day')));
  const track = useApiGet<TTrack>(`${FIELD_API}/patrols${query({ worker: worker.id, week })}`);
  const data = track.data;
  const focus: MapFocus = data
    ? [
        ...data.buildings.map((b) => [b.lat, b.lng] as const),
        ...data.patrols.flatMap((p) => p.points.map(([lng, lat]) => [lat, lng] as const)),
      ]
    : [];
  return (
    <Drawer
      open
      width={960}
      title={`${t('fieldwork.track')} · ${worker.name}`}
      onClose={onClose}
      data-testid="track-drawer"
    >
      <Flex gap={16} align="center" style={{ marginBottom: 12 }}>
        {t('fieldwork.track.week')}
        <DatePicker
          picker="week"
          value={dayjs(week)}
          onChange={(d) => d && setWeek(mondayOf(d))}
          allowClear={false}
        />
        {data && (
          <Typography.Text>
            {t('fieldwork.track.summary', {
              patrols: data.check.patrols,
              minutes: Math.round(data.check.minutes),
              km: (data.check.distanceM / 1000).toFixed(2),
              passed: data.check.buildingsPassed,
              buildings: data.check.buildings,
            })}
          </Typography.Text>
        )}
        {track.loading && <Spin size="small" />}
      </Flex>
      <SensingMap height={560} focus={focus} testId="track-map">
        {data && <TrackLayers track={data} />}
      </SensingMap>
    </Drawer>
  );
}
