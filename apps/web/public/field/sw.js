// The field app's service worker (scope /field/): keeps the app shell so 网格通 opens without a network
// after the first visit. Vite names built files by their content (/assets/<name>-<hash>.js), so they are
// served cache-first and never go stale; the page itself (index.html, which names the current files) is
// asked of the network first and falls back to the kept copy. On install, and whenever a newer index.html
// arrives, the files it names are fetched ahead, so a phone that goes offline right after has them all.
// The API is never cached here: the app keeps its own data in IndexedDB and queues its writes.
const VERSION = 'v1';
const SHELL = `civgrid-field-shell-${VERSION}`;
const ASSETS = 'civgrid-field-assets';
const INDEX = '/field/index.html';
const LISTED = '/field/__assets.json';
const STATIC = [
  '/field/manifest.webmanifest',
  '/field/icon.svg',
  '/field/icon-192.png',
  '/field/icon-512.png',
  '/field/icon-maskable-512.png',
];
const NAVIGATION_TIMEOUT_MS = 4000;

/** The built files an index.html names: the entry script, its preloaded chunks and the stylesheets. */
function assetsOf(html) {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"?#]+)"/g)].map((m) => m[1]))];
}

/** Keeps this index.html and the files it names; drops the files only the previous one named. */
async function keepShell(response) {
  const html = await response.clone().text();
  const wanted = assetsOf(html);
  const shell = await caches.open(SHELL);
  const assets = await caches.open(ASSETS);
  const before = await shell.match(LISTED);
  const previous = before ? await before.json() : [];
  await Promise.all(
    wanted.map(async (url) => {
      if (!(await assets.match(url))) await assets.add(url);
    }),
  );
  await shell.put(INDEX, response);
  await shell.put(
    LISTED,
    new Response(JSON.stringify(wanted), { headers: { 'content-type': 'application/json' } }),
  );
  await Promise.all(previous.filter((url) => !wanted.includes(url)).map((url) => assets.delete(url)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch('/field/', { cache: 'no-store' });
      if (!response.ok) throw new Error(`index.html answered ${response.status}`);
      await keepShell(response);
      await (await caches.open(SHELL)).addAll(STATIC);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('civgrid-field-') && name !== SHELL && name !== ASSETS) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** A page of the app: the network's index.html (kept for next time), or the kept one. */
async function page(event) {
  try {
    const response = await Promise.race([
      fetch(event.request),
      new Promise((_resolve, reject) =>
        setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS),
      ),
    ]);
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
      event.waitUntil(keepShell(response.clone()).catch(() => undefined));
      return response;
    }
    if (response.ok) return response;
    throw new Error(`answered ${response.status}`);
  } catch (error) {
    const kept = await caches.match(INDEX, { cacheName: SHELL });
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/field' || url.pathname.startsWith('/field/'))) {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request, ASSETS));
  } else if (STATIC.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, SHELL));
  }
  // Everything else — the API above all — goes to the network untouched.
});
