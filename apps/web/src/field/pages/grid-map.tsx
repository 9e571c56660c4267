// The grid drawn without a map service: its outline, its buildings (a tap opens one) and, where the phone
// already may tell it, where the user stands. An equirectangular projection scaled by the latitude is
// exact enough at a grid's size (a few hundred metres).
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { GridDocument } from '../field-api.ts';
import { currentFix, type Fix } from '../geo.ts';
import { useFieldI18n } from '../i18n.tsx';

type Ring = [number, number][];
const WIDTH = 360;
const HEIGHT = 160;
const PAD = 10;

/** The outer rings of a Polygon or MultiPolygon. */
function ringsOf(boundary: { type: string; coordinates: unknown } | null | undefined): Ring[] {
  if (!boundary) return [];
  if (boundary.type === 'Polygon') return [(boundary.coordinates as Ring[])[0]!];
  if (boundary.type === 'MultiPolygon') return (boundary.coordinates as Ring[][]).map((p) => p[0]!);
  return [];
}

/** The phone's position, only if it was already allowed (the grid screen never asks for it). */
function useAllowedFix(): Fix | null {
  const [fix, setFix] = useState<Fix | null>(null);
  useEffect(() => {
    let live = true;
    void navigator.permissions
      ?.query({ name: 'geolocation' })
      .then((status) => (status.state === 'granted' ? currentFix(8_000) : null))
      .then((value) => {
        if (live && value) setFix(value);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return fix;
}

export function GridMap({ doc }: { doc: GridDocument }) {
  const { t } = useFieldI18n();
  const navigate = useNavigate();
  const fix = useAllowedFix();
  const rings = useMemo(() => doc.grids.flatMap((g) => ringsOf(g.boundary)), [doc]);
  const projection = useMemo(() => {
    const points: [number, number][] = [
      ...rings.flat(),
      ...doc.buildings.map((b) => [b.lng, b.lat] as [number, number]),
    ];
    if (points.length === 0) return null;
    const lngs = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const [west, east, south, north] = [
      Math.min(...lngs),
      Math.max(...lngs),
      Math.min(...lats),
      Math.max(...lats),
    ];
    const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
    const spanX = Math.max((east - west) * kx, 1e-6);
    const spanY = Math.max(north - south, 1e-6);
    const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
    const dx = (WIDTH - spanX * scale) / 2;
    const dy = (HEIGHT - spanY * scale) / 2;
    return (lng: number, lat: number) =>
      [dx + (lng - west) * kx * scale, dy + (north - lat) * scale] as const;
  }, [rings, doc.buildings]);
  if (!projection || rings.length === 0) return null;
  const here = fix ? projection(fix.lng, fix.lat) : null;
  const isHereInside = here && here[0] >= 0 && here[0] <= WIDTH && here[1] >= 0 && here[1] <= HEIGHT;
  return (
    <svg
      className="field-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('field.grid.map')}
      data-testid="field-grid-map"
    >
      <title>{t('field.grid.map')}</title>
      {rings.map((ring, i) => (
        <polygon
          // biome-ignore lint/suspicious/noArrayIndexKey: rings have no identity of their own
          key={i}
          points={ring.map(([lng, lat]) => projection(lng, lat).join(',')).join(' ')}
          className="field-map-grid"
        />
      ))}
      {doc.buildings.map((b) => {
        const [x, y] = projection(b.lng, b.lat);
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>
          <g
            key={b.id}
            role="button"
            tabIndex={0}
            className="field-map-building"
            onClick={() => navigate(`/buildings/${b.id}`)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') navigate(`/buildings/${b.id}`);
            }}
          >
            <rect x={x - 6} y={y - 6} width={12} height={12} rx={2} />
            <text x={x + 9} y={y + 4}>
              {b.name.replace(/^.*?(\d+号楼)$/, '$1')}
            </text>
          </g>
        );
      })}
      {isHereInside && <circle cx={here[0]} cy={here[1]} r={6} className="field-map-here" />}
    </svg>
  );
}
