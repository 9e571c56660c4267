import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

// One Vite app, several pages: the server serves `dist/<page>/index.html` for its own SPA routes,
// so each page keeps its own entry. Later pages (field, portal) are added to `input`.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The entry holds React, the router and antd's core (~285 KB gzipped, cached across pages); every
    // feature page, and Leaflet, loads on demand. Warn only if the entry grows well beyond that.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: {
        console: resolve(root, 'console/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/docs': 'http://127.0.0.1:8080',
    },
  },
});
