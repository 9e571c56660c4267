// What the portal reads once before it shows a map or a time: the public configuration (tile server, time
// zone) and the city's grids. Both are the same for every resident, so they are fetched once per page load.
import type { TPortalArea, TPublicConfig } from '@civgrid/contracts';
import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { setDisplayTimeZone } from '../lib/time.ts';

export interface PortalConfig {
  tileUrl: string | null;
  city: string | null;
  area: TPortalArea | null;
}

let loading: Promise<PortalConfig> | null = null;

function loadConfig(): Promise<PortalConfig> {
  loading ??= Promise.all([
    api.get<TPublicConfig>('/api/v1/config'),
    api.get<TPortalArea>('/api/v1/portal/area'),
  ]).then(
    ([config, area]) => {
      setDisplayTimeZone(config.timezone);
      return { tileUrl: config.tileUrl, city: area.city, area };
    },
    () => {
      loading = null; // try again on the next use
      return { tileUrl: null, city: null, area: null };
    },
  );
  return loading;
}

/** The public configuration and the city's grids; empty until loaded (or if the server is unreachable). */
export function usePortalConfig(): PortalConfig {
  const [config, setConfig] = useState<PortalConfig>({ tileUrl: null, city: null, area: null });
  useEffect(() => {
    let live = true;
    void loadConfig().then((value) => {
      if (live) setConfig(value);
    });
    return () => {
      live = false;
    };
  }, []);
  return config;
}
