// A trajectory on a <SensingMap>: the whole route dashed, the part travelled so far solid, a dot per
// sighting (first green, last dark), and the current point in red with its time and place, kept in view
// while the playback runs. The map container carries the point count and the current index as data.
import type { TTrajectory } from '@civgrid/contracts';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { formatTime } from '../../../../lib/time.ts';
import { tooltipElement, useMapHandle } from '../shared/sensing-map.tsx';

type Point = TTrajectory['points'][number];

export const TRACK_COLOURS = {
  route: '#1458c8',
  first: '#389e0d',
  last: '#262626',
  current: '#cf1322',
} as const;

interface Props {
  points: readonly Point[];
  current: number;
  onSelect: (index: number) => void;
}

interface Drawn {
  travelled: L.Polyline;
  marker: L.CircleMarker;
}

export function TrackLayer({ points, current, onSelect }: Props) {
  const { map, renderer, pane } = useMapHandle();
  const drawn = useRef<Drawn | null>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });

  useEffect(() => {
    const container = map.getContainer();
    container.dataset.trackPoints = String(points.length);
    if (points.length === 0) return;
    const common = { renderer, pane };
    const path = points.map((p) => L.latLng(p.lat, p.lng));
    const layers: L.Layer[] = [
      L.polyline(path, { ...common, color: TRACK_COLOURS.route, weight: 2, opacity: 0.5, dashArray: '6 6' }),
    ];
    const travelled = L.polyline([], { ...common, color: TRACK_COLOURS.route, weight: 4, opacity: 0.9 });
    layers.push(travelled);
    points.forEach((point, index) => {
      const colour =
        index === 0
          ? TRACK_COLOURS.first
          : index === points.length - 1
            ? TRACK_COLOURS.last
            : TRACK_COLOURS.route;
      layers.push(
        L.circleMarker([point.lat, point.lng], {
          ...common,
          radius: 5,
          color: colour,
          fillColor: '#fff',
          fillOpacity: 1,
          weight: 2,
          bubblingMouseEvents: false,
        })
          .bindTooltip(() =>
            tooltipElement([`${index + 1}. ${point.deviceName}`, formatTime(point.time) ?? '']),
          )
          .on('click', () => onSelectRef.current(index)),
      );
    });
    const marker = L.circleMarker(path[0]!, {
      ...common,
      radius: 9,
      color: '#fff',
      fillColor: TRACK_COLOURS.current,
      fillOpacity: 1,
      weight: 3,
      interactive: false,
    });
    marker.bindTooltip('', { permanent: true, direction: 'top', offset: [0, -8] });
    layers.push(marker);
    for (const layer of layers) layer.addTo(map);
    marker.getElement()?.setAttribute('data-testid', 'track-current');
    drawn.current = { travelled, marker };
    return () => {
      for (const layer of layers) layer.remove();
      drawn.current = null;
      delete container.dataset.trackPoints;
    };
  }, [map, renderer, pane, points]);

  useEffect(() => {
    const layers = drawn.current;
    const point = points[current];
    if (!layers || !point) return;
    layers.travelled.setLatLngs(points.slice(0, current + 1).map((p) => L.latLng(p.lat, p.lng)));
    layers.marker.setLatLng([point.lat, point.lng]);
    layers.marker.setTooltipContent(tooltipElement([point.deviceName, formatTime(point.time) ?? '']));
    map.getContainer().dataset.current = String(current);
    if (!map.getBounds().pad(-0.05).contains([point.lat, point.lng])) map.panTo([point.lat, point.lng]);
  }, [map, points, current]);

  return null;
}
