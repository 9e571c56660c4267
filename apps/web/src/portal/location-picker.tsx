// The report's point: a tap on the map, or the phone's own position. The city's grids are drawn under it
// (they are what a report is placed in), and tiles only when the installation configured a tile server —
// the portal, like the console, calls no third-party map server unless told to.
import type { TPortalArea } from '@civgrid/contracts';
import { polygonContains } from '@civgrid/domain';
import { Button } from 'antd-mobile';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { usePortalI18n } from './i18n.tsx';
import { usePortalConfig } from './portal-config.ts';

export interface Point {
  lng: number;
  lat: number;
}

interface Props {
  value: Point | null;
  onChange: (point: Point | null) => void;
  /** What the point is for, under the map (the report's says it may be left out; the survey's form says
   *  it itself). */
  hint?: string;
}

const GRID_STYLE: L.PathOptions = { color: '#1677ff', weight: 1, opacity: 0.6, fillOpacity: 0.06 };
const PICKED_GRID_STYLE: L.PathOptions = { color: '#1677ff', weight: 2, opacity: 0.9, fillOpacity: 0.18 };
const PICK_STYLE: L.CircleMarkerOptions = {
  radius: 9,
  color: '#fff',
  weight: 3,
  fillColor: '#f5222d',
  fillOpacity: 1,
};

export function LocationPicker({ value, onChange, hint }: Props) {
  const { t } = usePortalI18n();
  const { tileUrl, area } = usePortalConfig();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [locating, setLocating] = useState(false);
  const [denied, setDenied] = useState(false);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const created = L.map(element, { zoomSnap: 0.25, attributionControl: false });
    created.setView([39.5, 116.7], 9);
    created.on('click', (event: L.LeafletMouseEvent) =>
      onChangeRef.current({ lng: round(event.latlng.lng), lat: round(event.latlng.lat) }),
    );
    const resize = new ResizeObserver(() => created.invalidateSize());
    resize.observe(element);
    setMap(created);
    return () => {
      resize.disconnect();
      created.remove();
      setMap(null);
    };
  }, []);

  useEffect(() => {
    if (!map || !tileUrl) return;
    const attribution = L.control.attribution().addTo(map);
    const tiles = L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map);
    return () => {
      tiles.remove();
      attribution.remove();
    };
  }, [map, tileUrl]);

  useEffect(() => {
    if (!map || !area || area.grids.features.length === 0) return;
    const layer = L.geoJSON(area.grids as GeoJSON.FeatureCollection, {
      style: () => GRID_STYLE,
      interactive: false,
    }).addTo(map);
    if (area.bounds) {
      const [w, s, e, n] = area.bounds;
      map.fitBounds(
        [
          [s, w],
          [n, e],
        ],
        { padding: [8, 8] },
      );
    }
    return () => {
      layer.remove();
    };
  }, [map, area]);

  const grid = value && area ? gridAt(area.grids.features, value) : undefined;
  useEffect(() => {
    if (!map || !value) return;
    const marker = L.circleMarker([value.lat, value.lng], PICK_STYLE).addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, value]);
  // The grid the report will land in, drawn stronger: where it goes, not only where it is.
  useEffect(() => {
    if (!map || !grid) return;
    const layer = L.geoJSON(grid as GeoJSON.Feature, {
      style: () => PICKED_GRID_STYLE,
      interactive: false,
    }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, grid]);

  const locate = () => {
    if (!navigator.geolocation) {
      setDenied(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setDenied(false);
        const point = { lng: round(position.coords.longitude), lat: round(position.coords.latitude) };
        onChange(point);
        // With tiles, close enough to see the streets; without, far enough to see the grids around it.
        map?.setView([point.lat, point.lng], Math.max(map.getZoom(), tileUrl ? 16 : 13));
      },
      () => {
        setLocating(false);
        setDenied(true);
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const isOutside = value !== null && area !== null && area.grids.features.length > 0 && !grid;
  return (
    <div>
      <div ref={container} className="portal-map" data-testid="portal-map" />
      <div className="portal-location-row">
        <Button size="small" color="primary" fill="outline" loading={locating} onClick={locate}>
          {locating ? t('portal.report.location.locating') : t('portal.report.location.mine')}
        </Button>
        {value && (
          <Button size="small" fill="none" onClick={() => onChange(null)}>
            {t('portal.report.location.clear')}
          </Button>
        )}
      </div>
      <div className="portal-location-text" data-testid="portal-location">
        {value
          ? t('portal.report.location.picked', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5) })
          : t('portal.report.location.none')}
        {grid && <div>{t('portal.report.location.inGrid', { grid: grid.properties.name })}</div>}
        {isOutside && <div className="portal-warning">{t('portal.report.location.outside')}</div>}
        {denied && <div className="portal-warning">{t('portal.report.location.denied')}</div>}
      </div>
      {hint && <div className="portal-hint">{hint}</div>}
    </div>
  );
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

type GridFeature = TPortalArea['grids']['features'][number];

/** The grid holding the point, as the server will place it; undefined outside every grid. */
function gridAt(features: readonly GridFeature[], point: Point): GridFeature | undefined {
  return features.find((f) => polygonContains(f.geometry, [point.lng, point.lat]));
}
