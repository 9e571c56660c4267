// Picking the place of a call on the map: a click sets the point, which is drawn and named by the grid
// that holds it (or said to lie outside the operator's grids, which the server would refuse).
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api, query } from '../../../../lib/api.ts';
import { SensingMap, useMapHandle } from '../../sensing/shared/sensing-map.tsx';
import { PointMarker } from '../shared/point-marker.tsx';

export interface Point {
  lat: number;
  lng: number;
}

interface Props {
  value: Point | null;
  onChange: (point: Point) => void;
  height: number;
}

function ClickToPick({ onPick }: { onPick: (point: Point) => void }) {
  const { map } = useMapHandle();
  useEffect(() => {
    const container = map.getContainer();
    container.style.cursor = 'crosshair';
    const pick = (event: { latlng: { lat: number; lng: number } }) =>
      onPick({ lat: Number(event.latlng.lat.toFixed(6)), lng: Number(event.latlng.lng.toFixed(6)) });
    map.on('click', pick);
    return () => {
      map.off('click', pick);
      container.style.cursor = '';
    };
  }, [map, onPick]);
  return null;
}

type Located = { state: 'none' } | { state: 'in'; code: string; name: string } | { state: 'outside' };

export function MapPicker({ value, onChange, height }: Props) {
  const t = useT();
  const [located, setLocated] = useState<Located>({ state: 'none' });
  const lat = value?.lat;
  const lng = value?.lng;
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    const controller = new AbortController();
    setLocated({ state: 'none' });
    api
      .get<{ grid: { code: string; name: string } }>(`/api/v1/org/locate${query({ lat, lng })}`, {
        signal: controller.signal,
      })
      .then(({ grid }) => setLocated({ state: 'in', ...grid }))
      .catch(() => {
        if (!controller.signal.aborted) setLocated({ state: 'outside' });
      });
    return () => controller.abort();
  }, [lat, lng]);

  return (
    <>
      <SensingMap height={height} testId="hotline-map">
        <ClickToPick onPick={onChange} />
        <PointMarker point={value} />
      </SensingMap>
      <div style={{ marginTop: 8 }} data-testid="hotline-located">
        {value === null ? (
          <Alert type="info" showIcon title={t('cases.hotline.mapHint')} />
        ) : located.state === 'in' ? (
          <Alert
            type="success"
            showIcon
            title={t('cases.hotline.locatedIn', {
              grid: `${located.name} ${located.code}`,
              lat: value.lat.toFixed(5),
              lng: value.lng.toFixed(5),
            })}
          />
        ) : located.state === 'outside' ? (
          <Alert type="warning" showIcon title={t('cases.hotline.outside')} />
        ) : null}
      </div>
    </>
  );
}
