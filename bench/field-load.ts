// `node --import tsx bench/field-load.ts`: the field app's speed on a phone's network, against the built app
// served by a real civgrid (the e2e harness: CLI `start`, embedded PostgreSQL, demo city) and Debian's
// Chromium, with the network throttled through CDP (Network.emulateNetworkConditions) to the issue's
// mobile profile: 1.6 Mbps down, 750 kbps up, 150 ms round trip.
//   - JavaScript: the files /field/index.html makes the phone load (entry and preloaded chunks), raw and
//     gzipped, against the 300 KB gzipped budget; and what the browser actually received.
//   - First load: a phone that never saw the app opens /field/ until the login form is interactive (shown
//     and no long task after it); a signed-in phone without the app cached until its grid is on screen; a
//     phone with the app installed and no network at all until the login form (the service worker).
//   - Sync: 500 writes queued offline (20 reports, 60 check-ins, 20 instruction replies, a patrol of 398
//     points with its start and stop) until the outbox is empty once the network is back, throttled and not; against the same
//     writes sent by a script, four at a time.
// Writes the table and bench/results/<time>-field.json. Build the web app first (`npm run build`);
// `--load` or `--sync` runs only that part.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createGzip, gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { type RunningCivgrid, startCivgrid } from '../e2e/harness.ts';
import { type BenchResult, compare, printTable, type Sample, summarise } from './measure.ts';

const DIST = new URL('../apps/web/dist/', import.meta.url).pathname;
const BUDGET_GZIP = 300 * 1024;
const RUNS = 3;
const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
} as const;
const NO_THROTTLE = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 } as const;
const OFFLINE = { ...NO_THROTTLE, offline: true } as const;

type Conditions = typeof FAST_3G | typeof NO_THROTTLE | typeof OFFLINE;

let civgrid: RunningCivgrid;

/**
 * A reverse proxy in front of civgrid that gzips text answers (scripts, styles, HTML, JSON) for clients that
 * accept it: what compression on the server would give, since civgrid sends its static files as they are.
 */
async function gzipProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const headers = { ...incoming.headers, host: upstream.host };
    delete headers['accept-encoding'];
    const forward = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers,
      },
      (answer) => {
        const type = String(answer.headers['content-type'] ?? '');
        const isCompressed =
          /\bgzip\b/.test(String(incoming.headers['accept-encoding'] ?? '')) &&
          /javascript|css|html|json|svg/.test(type) &&
          !answer.headers['content-encoding'] &&
          answer.statusCode !== 304;
        const out = { ...answer.headers };
        if (isCompressed) {
          delete out['content-length'];
          out['content-encoding'] = 'gzip';
          outgoing.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(createGzip()).pipe(outgoing);
        } else {
          outgoing.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(outgoing);
        }
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The files /field/index.html loads: entry, preloaded chunks, stylesheets, with raw and gzipped sizes. */
function shellFiles() {
  const html = readFileSync(`${DIST}field/index.html`, 'utf8');
  const names = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  return names.map((name) => {
    const bytes = readFileSync(`${DIST}assets/${name}`);
    return {
      file: name,
      kind: name.endsWith('.css') ? 'css' : 'js',
      bytes: bytes.length,
      gzip: gzipSync(bytes).length,
    };
  });
}

async function logIn(username: string): Promise<string> {
  const response = await fetch(`${civgrid.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'civgrid-demo' }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function call<T>(method: string, path: string, cookie: string, body?: unknown): Promise<T> {
  const response = await fetch(`${civgrid.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function phone(): Promise<BrowserContext> {
  return civgrid.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: { latitude: 39.593, longitude: 116.578, accuracy: 15 },
    permissions: ['geolocation'],
  });
}

async function throttle(page: Page, conditions: Conditions): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', conditions);
  return cdp;
}

/** Records when `selector` first appears and the page's long tasks, from before any script runs. */
async function watchLoad(page: Page, selector: string): Promise<void> {
  await page.addInitScript((watched: string) => {
    const load = { shownAt: 0, longTasks: [] as [number, number][] };
    (window as unknown as { fieldLoad: typeof load }).fieldLoad = load;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) load.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_changes, observer) => {
      if (document.querySelector(watched)) {
        load.shownAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
}

/** Shown, and no long task after it: ms since the navigation started. */
async function interactiveAt(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (window as unknown as { fieldLoad: { shownAt: number } }).fieldLoad.shownAt > 0,
    {
      timeout: 60_000,
    },
  );
  await page.waitForTimeout(1000); // long tasks that follow the first render
  return page.evaluate(() => {
    const load = (window as unknown as { fieldLoad: { shownAt: number; longTasks: [number, number][] } })
      .fieldLoad;
    const lastTask = Math.max(0, ...load.longTasks.map(([start, duration]) => start + duration));
    return Math.max(load.shownAt, lastTask);
  });
}

/** Bytes the browser received, by kind, while `work` ran. */
async function received(cdp: CDPSession, work: () => Promise<void>) {
  const types = new Map<string, string>();
  const totals = { js: 0, css: 0, other: 0, jsFiles: [] as string[] };
  cdp.on('Network.responseReceived', (event) =>
    types.set(event.requestId, `${event.type} ${event.response.url}`),
  );
  cdp.on('Network.loadingFinished', (event) => {
    const [type = '', url = ''] = (types.get(event.requestId) ?? '').split(' ');
    if (type === 'Script') {
      totals.js += event.encodedDataLength;
      totals.jsFiles.push(url.split('/').pop() ?? url);
    } else if (type === 'Stylesheet') totals.css += event.encodedDataLength;
    else totals.other += event.encodedDataLength;
  });
  await work();
  return totals;
}

async function firstLoad(conditions: Conditions, base = civgrid.url) {
  const times: number[] = [];
  let bytes = { js: 0, css: 0, other: 0, jsFiles: [] as string[] };
  for (let run = 0; run < RUNS; run++) {
    const context = await phone();
    const page = await context.newPage();
    const cdp = await throttle(page, conditions);
    await watchLoad(page, '[data-testid=field-login-submit]');
    bytes = await received(cdp, async () => {
      await page.goto(`${base}/field/`, { waitUntil: 'commit' });
      times.push(await interactiveAt(page));
    });
    await context.close();
  }
  return { sample: summarise(times), bytes };
}

/** A signed-in phone without the app cached: until its grid is on screen. */
async function signedInLoad(cookie: string, base = civgrid.url) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await phone();
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    await throttle(page, FAST_3G);
    await watchLoad(page, '[data-testid=field-grid-name]');
    await page.goto(`${base}/field/grid`, { waitUntil: 'commit' });
    times.push(await interactiveAt(page));
    await context.close();
  }
  return summarise(times);
}

/** The app installed (service worker), then opened with no network at all. */
async function offlineStart() {
  const times: number[] = [];
  const context = await phone();
  const page = await context.newPage();
  await page.goto(`${civgrid.url}/field/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await page.close();
  for (let run = 0; run < RUNS; run++) {
    await context.setOffline(true);
    const again = await context.newPage();
    await watchLoad(again, '[data-testid=field-login-submit]');
    await again.goto(`${civgrid.url}/field/`, { waitUntil: 'commit' });
    times.push(await interactiveAt(again));
    await again.close();
    await context.setOffline(false);
  }
  await context.close();
  return summarise(times);
}

interface Mix {
  userId: string;
  instructionId: string;
  at: string;
  tag: string;
}

/** 500 outbox items as the app stores them (offline/outbox.ts): 20 reports, 60 check-ins, 20 replies,
 *  a patrol of 398 points with its start and stop. */
function queueItems(mix: Mix) {
  const items: Record<string, unknown>[] = [];
  let seq = Date.now() * 1000;
  const add = (kind: string, payload: unknown, chain?: string, id = crypto.randomUUID()) =>
    items.push({
      id,
      seq: seq++,
      kind,
      userId: mix.userId,
      chain: chain ?? id,
      createdAt: mix.at,
      payload,
      attempts: 0,
      nextAt: 0,
      state: 'pending',
    });
  for (let i = 0; i < 20; i++) {
    const id = crypto.randomUUID();
    add(
      'case-report',
      {
        body: {
          clientId: id,
          source: 'grid-worker',
          category: 'public-order.hazard',
          priority: 'normal',
          title: `治安隐患：${mix.tag} 第 ${i + 1} 处`,
          description: `${mix.tag}：楼道杂物堆放第 ${i + 1} 处。`,
          gridCode: 'Aa001',
          location: { lng: 116.578 + i * 1e-5, lat: 39.593 },
        },
        photos: [],
      },
      undefined,
      id,
    );
  }
  for (let i = 0; i < 60; i++)
    add('checkin', {
      kind: i % 2 ? 'out' : 'in',
      at: mix.at,
      position: { lng: 116.578, lat: 39.593, accuracy: 10 },
    });
  for (let i = 0; i < 20; i++)
    add(
      'instruction-reply',
      { instructionId: mix.instructionId, title: '排查', body: `${mix.tag} 回复 ${i + 1}`, at: mix.at },
      `instruction:${mix.instructionId}`,
    );
  const patrolId = crypto.randomUUID();
  const chain = `patrol:${patrolId}`;
  const start = Date.parse(mix.at) - 398 * 15_000;
  add('patrol-start', { patrolId, at: new Date(start).toISOString() }, chain);
  for (let i = 0; i < 398; i++)
    add(
      'patrol-point',
      {
        patrolId,
        at: new Date(start + i * 15_000).toISOString(),
        lng: 116.575 + i * 2e-5,
        lat: 39.59 + (i % 40) * 1e-5,
        accuracy: 8,
      },
      chain,
    );
  add('patrol-stop', { patrolId, at: mix.at }, chain);
  return items;
}

/** Signs the phone in, queues the 500 items offline, and times the outbox emptying once online. */
async function syncQueued(conditions: Conditions, mix: Omit<Mix, 'userId'>): Promise<number> {
  const context = await phone();
  const page = await context.newPage();
  await page.goto(`${civgrid.url}/field/login`);
  await page.getByTestId('field-username').locator('input').fill('grid');
  await page.getByTestId('field-password').locator('input').fill('civgrid-demo');
  await page.getByTestId('field-login-submit').click();
  await page.getByTestId('field-grid-name').waitFor();
  const userId = await page.evaluate(
    () => JSON.parse(localStorage.getItem('civgrid.field.user')!).id as string,
  );
  // The reload below happens offline: the service worker must hold the app by then.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  const cdp = await throttle(page, OFFLINE);
  const items = queueItems({ ...mix, userId });
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('civgrid-field');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('outbox', 'readwrite');
      for (const row of rows) tx.objectStore('outbox').put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, items);
  await page.reload(); // the app reads its outbox at start
  await page
    .getByTestId('field-sync')
    .filter({ hasText: String(items.length) })
    .waitFor();
  const started = performance.now();
  await cdp.send('Network.emulateNetworkConditions', conditions);
  // The outbox's stored items, counted in the page every 50 ms until none is left (or two minutes).
  const stored = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('civgrid-field');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const count = await new Promise<number>((resolve, reject) => {
        const request = db.transaction('outbox').objectStore('outbox').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return count;
    });
  while ((await stored()) > 0) {
    if (performance.now() - started > 120_000) throw new Error('the outbox did not empty in two minutes');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const ms = performance.now() - started;
  await context.close();
  return ms;
}

/** The same 500 writes sent straight from a script, four at a time (the points in batches of 200). */
async function syncByScript(cookie: string, mix: Omit<Mix, 'userId'>): Promise<number> {
  const items = queueItems({ ...mix, userId: '-' }) as {
    id: string;
    kind: string;
    payload: Record<string, unknown>;
  }[];
  const started = performance.now();
  const single = items.filter((i) => i.kind !== 'patrol-point' && !i.kind.startsWith('patrol'));
  const patrol = items.filter((i) => i.kind.startsWith('patrol'));
  const send = (item: (typeof items)[number]) => {
    const p = item.payload as Record<string, never>;
    if (item.kind === 'case-report') return call('POST', '/api/v1/cases', cookie, p.body);
    if (item.kind === 'checkin')
      return call('POST', '/api/v1/field/checkins', cookie, {
        clientId: item.id,
        kind: p.kind,
        at: p.at,
        location: p.position,
      });
    return call('POST', `/api/v1/instructions/${p.instructionId}/replies`, cookie, {
      clientId: item.id,
      body: p.body,
      at: p.at,
    });
  };
  const patrolChain = async () => {
    const [start, ...rest] = patrol;
    const stop = rest.pop()!;
    const patrolId = (start!.payload as { patrolId: string }).patrolId;
    await call('POST', '/api/v1/field/patrols', cookie, {
      clientId: patrolId,
      event: 'start',
      at: start!.payload.at,
    });
    for (let i = 0; i < rest.length; i += 200)
      await call('POST', `/api/v1/field/patrols/${patrolId}/points`, cookie, {
        points: rest
          .slice(i, i + 200)
          .map((p) => ({ clientId: p.id, ...(p.payload as object), patrolId: undefined })),
      });
    await call('POST', '/api/v1/field/patrols', cookie, {
      clientId: patrolId,
      event: 'stop',
      at: stop.payload.at,
    });
  };
  let next = 0;
  const worker = async () => {
    while (next < single.length) await send(single[next++]!);
  };
  await Promise.all([patrolChain(), worker(), worker(), worker()]);
  return performance.now() - started;
}

/** Prints the files /field/index.html loads; answers the JavaScript totals. */
function printFiles(files: ReturnType<typeof shellFiles>, received: number | null) {
  const js = files.filter((f) => f.kind === 'js');
  const total = (key: 'bytes' | 'gzip') => js.reduce((sum, f) => sum + f[key], 0);
  console.log('\nfield page: the files /field/index.html loads');
  for (const f of files)
    console.log(
      `  ${f.file.padEnd(44)} ${String(f.bytes).padStart(8)} B  ${String(f.gzip).padStart(7)} B gzip`,
    );
  console.log(
    `  ${'JavaScript total'.padEnd(44)} ${String(total('bytes')).padStart(8)} B  ${String(total('gzip')).padStart(7)} B gzip (budget ${BUDGET_GZIP} B gzip)`,
  );
  if (received !== null) console.log(`  JavaScript the browser received on a first load: ${received} B`);
  console.log('');
  return { totalBytes: total('bytes'), totalGzip: total('gzip') };
}

async function loadBenchmarks(results: BenchResult[]) {
  const slow = await firstLoad(FAST_3G);
  const fast = await firstLoad(NO_THROTTLE);
  results.push(
    compare(
      'field first load, Fast 3G → login interactive',
      `cold cache, 1.6 Mbps / 750 kbps / 150 ms; target < 3,000 ms; JS received ${slow.bytes.js} B`,
      slow.sample,
      'same, no throttling',
      fast.sample,
    ),
  );
  const proxy = await gzipProxy(civgrid.url);
  try {
    const gzipped = await firstLoad(FAST_3G, proxy.url);
    results.push(
      compare(
        'field first load, Fast 3G, gzip → login interactive',
        `through a gzipping proxy (what compression on the server gives); JS received ${gzipped.bytes.js} B`,
        gzipped.sample,
        'same, as civgrid serves it',
        slow.sample,
      ),
      compare(
        'field first load signed in, Fast 3G, gzip → grid shown',
        'through the gzipping proxy; cold cache, session cookie',
        await signedInLoad(await logIn('grid'), proxy.url),
        'login interactive, Fast 3G, gzip',
        gzipped.sample,
      ),
    );
  } finally {
    await proxy.close();
  }
  printTable(results.slice(-3));
  const signedIn = await signedInLoad(await logIn('grid'));
  results.push(
    compare(
      'field first load signed in, Fast 3G → grid shown',
      'cold cache, session cookie; the grid document read from the server',
      signedIn,
      'login interactive, Fast 3G',
      slow.sample,
    ),
  );
  const offline = await offlineStart();
  results.push(
    compare(
      'field start offline (service worker) → login interactive',
      'installed app, no network at all',
      offline,
      'first load, no throttling',
      fast.sample,
    ),
  );
  printTable(results.slice(-2));
  return slow.bytes;
}

async function syncBenchmarks(results: BenchResult[]) {
  const grid = await logIn('grid');
  const city = await logIn('city');
  const instruction = await call<{ instruction: { id: string } }>('POST', '/api/v1/instructions', city, {
    clientId: crypto.randomUUID(),
    title: '排查楼道杂物',
    body: '请排查本网格楼道杂物并回复。',
    units: ['Aa001'],
    replyRequired: true,
  });
  const mix = (tag: string) => ({
    instructionId: instruction.instruction.id,
    at: new Date().toISOString(),
    tag,
  });
  const syncSlow = await syncQueued(FAST_3G, mix('bench-3g'));
  const syncFast = await syncQueued(NO_THROTTLE, mix('bench-lan'));
  const script = await syncByScript(grid, mix('bench-script'));
  const one = (ms: number): Sample => ({ n: 1, meanMs: ms, p50Ms: ms, p95Ms: ms });
  results.push(
    compare(
      'sync 500 queued items, Fast 3G',
      '20 reports, 60 check-ins, 20 replies, a patrol (start, 398 points, stop); offline → online until the outbox is empty; target < 10,000 ms',
      one(syncSlow),
      'same, no throttling',
      one(syncFast),
    ),
    compare(
      'sync 500 queued items, no throttling',
      'the app: 4 chains at a time, points in batches of 200',
      one(syncFast),
      'same writes by a script',
      one(script),
    ),
  );
  printTable(results.slice(-2));
  // Every queued write arrived once: 20 reports per run.
  const cases = await call<{ items: { title: string }[] }>(
    'GET',
    '/api/v1/cases?queue=all&pageSize=200',
    grid,
  );
  for (const tag of ['bench-3g', 'bench-lan', 'bench-script']) {
    const count = cases.items.filter((c) => c.title.includes(tag)).length;
    if (count !== 20) throw new Error(`${tag}: ${count} cases, expected 20`);
  }
}

async function main() {
  if (!existsSync(`${DIST}field/index.html`))
    throw new Error('no built field app: run `npm run build` first');
  const only = process.argv.includes('--sync') ? 'sync' : process.argv.includes('--load') ? 'load' : null;
  const files = shellFiles();
  printFiles(files, null);
  civgrid = await startCivgrid();
  const results: BenchResult[] = [];
  let received: Awaited<ReturnType<typeof loadBenchmarks>> | null = null;
  try {
    if (only !== 'sync') received = await loadBenchmarks(results);
    if (only !== 'load') await syncBenchmarks(results);
  } finally {
    await civgrid.stop();
  }
  const totals = printFiles(files, received?.js ?? null);
  printTable(results);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(
    `./results/${new Date().toISOString().replace(/[:.]/g, '-')}-field.json`,
    import.meta.url,
  );
  const report = {
    at: new Date().toISOString(),
    network: { fast3g: FAST_3G },
    javascript: { files, ...totals, budgetGzip: BUDGET_GZIP, receivedOnFirstLoad: received },
    results,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten ${file.pathname}`);
}

await main();
