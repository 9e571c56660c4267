// One point on a <SensingMap>: where a case is, or where the operator clicked. Its SVG node carries
// `data-point` so tests (and styles) can find it.
import L from 'leaflet';
import { useEffect } from 'react';
import { useMapHandle } from '../../sensing/shared/sensing-map.tsx';

export const POINT_COLOUR = '#cf1322';

export function PointMarker({ point }: { point: { lat: number; lng: number } | null }) {
  const { map, renderer, pane } = useMapHandle();
  const lat = point?.lat;
  const lng = point?.lng;
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    const marker = L.circleMarker([lat, lng], {
      renderer,
      pane,
      radius: 9,
      color: '#fff',
      weight: 2,
      fillColor: POINT_COLOUR,
      fillOpacity: 1,
      interactive: false,
    }).addTo(map);
    marker.getElement()?.setAttribute('data-point', `${lat},${lng}`);
    return () => {
      marker.remove();
    };
  }, [map, renderer, pane, lat, lng]);
  return null;
}
