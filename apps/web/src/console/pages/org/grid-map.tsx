// A small Leaflet wrapper for grid boundaries. No tile layer unless the operator configured one: an
// installation must not call out to a third-party map server without being told to.
import type { TGridMap } from '@civgrid/contracts';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';

export const GRID_COLOURS = { grid: '#1458c8', smart: '#d46b08', selected: '#cf1322' } as const;

interface Props {
  map: TGridMap | undefined;
  tileUrl: string | null;
  selectedCode: string | null;
  onSelect: (code: string) => void;
  height: number;
}

type GridProperties = TGridMap['features'][number]['properties'];

function styleOf(props: GridProperties, selectedCode: string | null): L.PathOptions {
  const selected = props.code === selectedCode;
  const colour = selected
    ? GRID_COLOURS.selected
    : props.smartCommunity
      ? GRID_COLOURS.smart
      : GRID_COLOURS.grid;
  return { color: colour, fillColor: colour, weight: selected ? 3 : 1, fillOpacity: selected ? 0.4 : 0.15 };
}

export function GridMap({ map: data, tileUrl, selectedCode, onSelect, height }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.GeoJSON | null>(null);
  // Leaflet handlers are bound once per layer; they read the latest props through refs.
  const onSelectRef = useRef(onSelect);
  const selectedRef = useRef(selectedCode);
  useEffect(() => {
    onSelectRef.current = onSelect;
    selectedRef.current = selectedCode;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Canvas draws thousands of grid polygons (a whole city) far faster than SVG.
    const map = L.map(element, { preferCanvas: true, zoomSnap: 0.25, attributionControl: false });
    map.setView([39.5, 116.7], 9);
    mapRef.current = map;
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !tileUrl) return;
    // A tile server's terms usually ask for attribution; it only exists when tiles do.
    const attribution = L.control.attribution().addTo(map);
    const tiles = L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map);
    return () => {
      tiles.remove();
      attribution.remove();
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    layerRef.current?.remove();
    layerRef.current = null;
    if (!data || data.features.length === 0) return;
    const layer = L.geoJSON(data as GeoJSON.FeatureCollection<GeoJSON.Polygon, GridProperties>, {
      style: (feature) => (feature ? styleOf(feature.properties, selectedRef.current) : {}),
      onEachFeature: (feature, path) => {
        const { code, name } = feature.properties;
        path.bindTooltip(`${code} ${name}`, { sticky: true });
        path.on('click', () => onSelectRef.current(code));
      },
    }).addTo(map);
    layerRef.current = layer;
    // How many grids are drawn, for the browser tests: a canvas has no per-grid DOM nodes to count.
    if (container.current) container.current.dataset.grids = String(layer.getLayers().length);
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
  }, [data]);

  useEffect(() => {
    layerRef.current?.setStyle((feature) =>
      feature ? styleOf(feature.properties as GridProperties, selectedCode) : {},
    );
  }, [selectedCode]);

  return (
    <div
      ref={container}
      data-testid="grid-map"
      style={{ height, width: '100%', background: '#eef2f6', borderRadius: 4 }}
    />
  );
}
