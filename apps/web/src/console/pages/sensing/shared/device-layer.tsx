// Devices as circle markers on a <SensingMap>: styled by the page (online state, membership of a
// collision condition), each with a tooltip and, where the page wants it, a click. Devices that would
// overlap at the current zoom (a gate's face and plate cameras) are set apart on a small ring, so each
// can still be clicked. Every marker's SVG node carries `data-device="<code>"` so it can
// be found (and clicked) like any other element.
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { tooltipElement, useMapHandle } from './sensing-map.tsx';

export interface DevicePoint {
  code: string;
  lat: number;
  lng: number;
}

export interface MarkerStyle {
  colour: string;
  fill: string;
  radius: number;
  weight?: number;
}

interface Props<D extends DevicePoint> {
  devices: readonly D[];
  styleOf: (device: D) => MarkerStyle;
  tooltipOf: (device: D) => readonly string[];
  onClick?: (device: D) => void;
  /** The attribute naming each marker's code on its SVG node (tests find markers by it). */
  markerAttribute?: string;
}

/** Markers closer than this many pixels are set apart on a ring. */
const CELL_PX = 14;

/** The groups of markers that would overlap at the map's current zoom: pairs closer than CELL_PX,
 *  joined transitively. A grid of CELL_PX cells (each point compared with its 3 × 3 neighbourhood)
 *  keeps this linear for a whole city's devices. */
function overlapping(points: readonly L.Point[]): number[][] {
  const parent = points.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const cells = new Map<string, number[]>();
  points.forEach((point, i) => {
    const cx = Math.floor(point.x / CELL_PX);
    const cy = Math.floor(point.y / CELL_PX);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (point.distanceTo(points[j]!) < CELL_PX) parent[root(i)] = root(j);
        }
      }
    }
    const key = `${cx},${cy}`;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  });
  const groups = new Map<number, number[]>();
  points.forEach((_, i) => {
    groups.set(root(i), [...(groups.get(root(i)) ?? []), i]);
  });
  return [...groups.values()];
}

/** Places markers that would overlap on a ring around their centre, the others at their own spot. */
function spread(map: L.Map, origins: Map<L.CircleMarker, L.LatLng>) {
  const markers = [...origins.keys()];
  const points = markers.map((marker) => map.latLngToLayerPoint(origins.get(marker)!));
  for (const group of overlapping(points)) {
    if (group.length === 1) {
      const marker = markers[group[0]!]!;
      marker.setLatLng(origins.get(marker)!);
      continue;
    }
    const centre = group.reduce((sum, i) => sum.add(points[i]!), L.point(0, 0)).divideBy(group.length);
    const radius = Math.max(CELL_PX / 1.5, (group.length * CELL_PX) / (2 * Math.PI));
    group.forEach((i, index) => {
      const angle = (2 * Math.PI * index) / group.length - Math.PI / 2;
      const offset = L.point(Math.cos(angle) * radius, Math.sin(angle) * radius);
      markers[i]!.setLatLng(map.layerPointToLatLng(centre.add(offset)));
    });
  }
}

function pathOptions(style: MarkerStyle): L.CircleMarkerOptions {
  return {
    color: style.colour,
    fillColor: style.fill,
    fillOpacity: 0.9,
    weight: style.weight ?? 2,
    radius: style.radius,
  };
}

export function DeviceLayer<D extends DevicePoint>({
  devices,
  styleOf,
  tooltipOf,
  onClick,
  markerAttribute = 'data-device',
}: Props<D>) {
  const { map, renderer, pane } = useMapHandle();
  const markers = useRef(new Map<string, { marker: L.CircleMarker; device: D }>());
  // Leaflet handlers are bound once per marker; they read the latest callbacks through refs.
  const latest = useRef({ styleOf, tooltipOf, onClick });
  useEffect(() => {
    latest.current = { styleOf, tooltipOf, onClick };
  });

  useEffect(() => {
    const drawn = markers.current;
    const origins = new Map<L.CircleMarker, L.LatLng>();
    for (const device of devices) {
      const origin = L.latLng(device.lat, device.lng);
      const marker = L.circleMarker(origin, {
        ...pathOptions(latest.current.styleOf(device)),
        renderer,
        pane,
        bubblingMouseEvents: false,
      })
        .bindTooltip(() => tooltipElement(latest.current.tooltipOf(device)), { direction: 'top' })
        .on('click', () => latest.current.onClick?.(device))
        .addTo(map);
      marker.getElement()?.setAttribute(markerAttribute, device.code);
      drawn.set(device.code, { marker, device });
      origins.set(marker, origin);
    }
    const respread = () => spread(map, origins);
    respread();
    map.on('zoomend', respread);
    return () => {
      map.off('zoomend', respread);
      for (const { marker } of drawn.values()) marker.remove();
      drawn.clear();
    };
  }, [map, renderer, pane, devices, markerAttribute]);

  useEffect(() => {
    for (const { marker, device } of markers.current.values()) {
      const style = styleOf(device);
      marker.setStyle(pathOptions(style));
      marker.setRadius(style.radius);
    }
  }, [styleOf]);

  return null;
}
