import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** Writes a .br and a .gz beside every text file of the build: the server sends them (@fastify/static
 *  `preCompressed`) to browsers that take them, so a phone on a slow network downloads a third, and no
 *  request spends the server's CPU compressing the same bundle again. */
function precompress(): Plugin {
  return {
    name: 'civgrid-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of filesUnder(resolve(root, 'dist'))) {
        if (!COMPRESSIBLE.test(file) || statSync(file).size < 1024) continue;
        const data = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

// One Vite app, several pages: the server serves `dist/<page>/index.html` for its own SPA routes,
// so each page keeps its own entry.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), pageFallback(PAGES), precompress()],
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
