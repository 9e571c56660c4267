// The map of the sensing pages: the grids of the jurisdiction (or of one unit) drawn faintly underneath,
// tiles only when the operator configured a tile server (as on the grid map: an installation calls no
// third-party server unless told to), and a context through which a page's own layers — devices, a
// track — add themselves to one shared SVG pane above the grids, where each marker is a DOM node.
import type { TGridMap } from '@civgrid/contracts';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { query } from '../../../../lib/api.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { useSession } from '../../../session/session-provider.tsx';

export interface MapHandle {
  map: L.Map;
  /** The renderer and pane of every marker and line the sensing layers draw. */
  renderer: L.Renderer;
  pane: string;
}

const MapContext = createContext<MapHandle | null>(null);
const PANE = 'sensing';
const GRID_STYLE: L.PathOptions = { color: '#1458c8', weight: 1, opacity: 0.5, fillOpacity: 0.04 };

/** What the map should show when its data changes: these points (lat, lng), or the grids if none. */
export type MapFocus = readonly (readonly [number, number])[];

interface Props {
  /** Draw the grids under this unit; the whole jurisdiction when absent. */
  under?: string | undefined;
  focus?: MapFocus;
  height: number;
  testId: string;
  children?: ReactNode;
}

export function SensingMap({ under, focus = [], height, testId, children }: Props) {
  const { config } = useSession();
  const tileUrl = config?.tileUrl ?? null;
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const grids = useApiGet<TGridMap>(`/api/v1/org/map${query({ under })}`);
  const gridBounds = useRef<L.LatLngBounds | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const map = L.map(element, { preferCanvas: true, zoomSnap: 0.25, attributionControl: false });
    map.setView([39.5, 116.7], 9);
    map.createPane(PANE).style.zIndex = '450';
    const renderer = L.svg({ pane: PANE });
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(element);
    setHandle({ map, renderer, pane: PANE });
    return () => {
      resize.disconnect();
      setHandle(null);
      map.remove();
    };
  }, []);

  useEffect(() => {
    if (!handle || !tileUrl) return;
    const attribution = L.control.attribution().addTo(handle.map);
    const tiles = L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(handle.map);
    return () => {
      tiles.remove();
      attribution.remove();
    };
  }, [handle, tileUrl]);

  useEffect(() => {
    if (!handle || !grids.data || grids.data.features.length === 0) return;
    const layer = L.geoJSON(grids.data as GeoJSON.FeatureCollection, {
      style: () => GRID_STYLE,
      interactive: false,
    }).addTo(handle.map);
    gridBounds.current = layer.getBounds();
    return () => {
      layer.remove();
      gridBounds.current = null;
    };
  }, [handle, grids.data]);

  // Refit only when what is shown changes (not on every refresh of the same devices), so a user who
  // zoomed in stays where they are.
  const focusKey = focus.map(([lat, lng]) => `${lat},${lng}`).join(';');
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusKey stands for focus
  useEffect(() => {
    if (!handle) return;
    const bounds =
      focus.length > 0 ? L.latLngBounds(focus.map(([lat, lng]) => [lat, lng])) : gridBounds.current;
    if (bounds?.isValid()) handle.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17 });
  }, [handle, focusKey, grids.data]);

  return (
    <div
      ref={container}
      data-testid={testId}
      style={{ height, width: '100%', background: '#eef2f6', borderRadius: 4 }}
    >
      {handle && <MapContext.Provider value={handle}>{children}</MapContext.Provider>}
    </div>
  );
}

/** The map a layer draws on; only inside <SensingMap>. */
export function useMapHandle(): MapHandle {
  const handle = useContext(MapContext);
  if (!handle) throw new Error('useMapHandle() outside <SensingMap>');
  return handle;
}

/** A tooltip from lines of text (never HTML: names come from the registers). */
export function tooltipElement(lines: readonly string[]): HTMLElement {
  const element = document.createElement('div');
  lines.forEach((line, index) => {
    const row = document.createElement('div');
    row.textContent = line;
    if (index === 0) row.style.fontWeight = '600';
    element.append(row);
  });
  return element;
}
