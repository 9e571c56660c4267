// Brings a point into view on a <SensingMap> when it changes (a row picked in a table beside the map).
import { useEffect } from 'react';
import { useMapHandle } from './sensing-map.tsx';

export function PanTo({ point }: { point: { lat: number; lng: number } | null }) {
  const { map } = useMapHandle();
  const lat = point?.lat;
  const lng = point?.lng;
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    if (!map.getBounds().pad(-0.02).contains([lat, lng])) map.panTo([lat, lng]);
  }, [map, lat, lng]);
  return null;
}
