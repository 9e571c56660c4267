import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/** The pages of the app; each is a single-page app under `/<page>/`. */
const PAGES = ['console', 'portal', 'field'];

/** In dev, answer deep links (`/console/org`) with the page's index.html, as the server does. */
function pageFallback(pages: string[]): Plugin {
  return {
    name: 'civgrid-page-fallback',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        const page = pages.find((p) => path === `/${p}` || path.startsWith(`/${p}/`));
        if (page && request.method === 'GET' && !path.includes('.')) request.url = `/${page}/index.html`;
        next();
      });
    },
  };
}

// One Vite app, several pages: the server serves `dist/<page>/index.html` for its own SPA routes,
// so each page keeps its own entry.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), pageFallback(PAGES)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The entry holds React, the router and antd's core (~285 KB gzipped, cached across pages); every
    // feature page, and Leaflet, loads on demand. Warn only if the entry grows well beyond that.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: Object.fromEntries(PAGES.map((page) => [page, resolve(root, page, 'index.html')])),
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/docs': 'http://127.0.0.1:8080',
    },
  },
});
