// The field app (网格通) on a grid worker's phone: log in (the grid is kept on the phone and the app shell by
// the service worker), lose the network, reload the app and still work — report an event with a camera
// photo (made smaller on the phone) and the phone's position, check in — then get the network back: the
// outbox sends each exactly once, even when the server's first answers are lost on the way back. Then
// open a building by its code and by its QR label, record a patrol, acknowledge an alert and answer a
// centre's instruction.
import { copyFileSync, mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCivgrid, startCivgrid } from './harness.ts';

let civgrid: RunningCivgrid;
let context: BrowserContext;
let page: Page;
let building: { id: string; code: string; name: string; lng: number; lat: number };

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });
const DESCRIPTION = '东方南里小区1号楼东侧消防通道被电动车和杂物堵塞，消防车无法通行。';

async function logIn(username: string) {
  const response = await fetch(`${civgrid.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'civgrid-demo' }),
  });
  expect(response.status, `login ${username}`).toBe(200);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function call<T>(method: string, path: string, cookie: string, body?: unknown): Promise<T> {
  const response = await fetch(`${civgrid.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** A 2400×1800 camera picture drawn by the browser (works offline: nothing is fetched). */
async function cameraPhoto(): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#b0bec5';
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = '#795548';
    g.fillRect(0, 1200, 2400, 600);
    for (let i = 0; i < 40; i++) {
      g.fillStyle = ['#263238', '#1565c0', '#c62828', '#2e7d32'][i % 4]!;
      g.fillRect(100 + ((i * 137) % 2100), 900 + ((i * 71) % 500), 180, 260);
    }
    return canvas.toDataURL('image/jpeg', 0.92).split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
}

/** The outbox's photos as the phone keeps them: type, size and pixel size of each. */
const queuedPhotos = () =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('civgrid-field');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const items = await new Promise<{ kind: string; payload: { photos?: Blob[] } }[]>((resolve, reject) => {
      const request = db.transaction('outbox').objectStore('outbox').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const photos = items.filter((i) => i.kind === 'case-report').flatMap((i) => i.payload.photos ?? []);
    return Promise.all(
      photos.map(async (blob) => {
        const bitmap = await createImageBitmap(blob);
        return { type: blob.type, bytes: blob.size, width: bitmap.width, height: bitmap.height };
      }),
    );
  });

/** Lets the first answer to `method path` be lost on its way back (the server did the work). */
async function loseFirstAnswer(path: string): Promise<{ lost: number; sent: number }> {
  const counts = { lost: 0, sent: 0 };
  await page.route(`**${path}`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    counts.sent++;
    if (counts.lost > 0) return route.continue();
    counts.lost++;
    await route.fetch();
    await route.abort('connectionreset');
  });
  return counts;
}

beforeAll(async () => {
  civgrid = await startCivgrid();
  const grid = await logIn('grid');
  const list = await call<{ items: (typeof building)[] }>(
    'GET',
    '/api/v1/registry/buildings?under=Aa001&pageSize=5',
    grid,
  );
  building = list.items[0]!;
  // A phone standing at the building, which lets the page read its position.
  context = await civgrid.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: { latitude: building.lat, longitude: building.lng, accuracy: 12 },
    permissions: ['geolocation'],
  });
  page = await context.newPage();
  mkdirSync('e2e/artifacts', { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await civgrid?.stop();
});

describe('field app', () => {
  it('logs the grid worker in; the grid is kept on the phone and the app shell by the service worker', async () => {
    await page.goto(`${civgrid.url}/field/`);
    await page.waitForURL(/\/field\/login$/);
    await page.getByTestId('field-username').locator('input').fill('grid');
    await page.getByTestId('field-password').locator('input').fill('civgrid-demo');
    await page.getByTestId('field-login-submit').click();
    await page.waitForURL(/\/field\/grid$/);
    await poll(() => page.getByTestId('field-grid-name').innerText()).toBe('东方南里社区第1网格');
    await poll(() => page.getByTestId('field-building-item').count()).toBe(1);
    expect(await page.getByTestId('field-grid').innerText()).toContain('173');

    // The service worker is installed and controls the page: the next start needs no network.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe(
      'activated',
    );
    await poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const manifest = await (await fetch(`${civgrid.url}/field/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: '网格通', start_url: '/field/', display: 'standalone' });
    await page.screenshot({ path: 'e2e/artifacts/field-grid.png' });
  });

  it('offline: reports an event with a photo and checks in; online again, each reaches the server once', async () => {
    const reports = await loseFirstAnswer('/api/v1/cases');
    const checkins = await loseFirstAnswer('/api/v1/field/checkins');

    await context.setOffline(true);
    await page.reload();
    await poll(() => page.getByTestId('field-offline').count()).toBe(1);
    await poll(() => page.getByTestId('field-grid-name').innerText()).toBe('东方南里社区第1网格');

    // Report (采): category, description, a camera photo, the phone's position.
    await page.getByText('采集', { exact: true }).click();
    await page.waitForURL(/\/field\/report$/);
    await poll(() => page.getByTestId('field-report-category').innerText()).toBe('请选择事件类别');
    await page.getByTestId('field-report-category').click();
    await page.locator('.adm-picker-view-column-item', { hasText: '社会治安' }).tap();
    await page.locator('.adm-picker-view-column-item', { hasText: '治安隐患' }).tap();
    await page.waitForTimeout(400); // the wheels settle
    await page.locator('.adm-picker-header-button', { hasText: '确定' }).click();
    await poll(() => page.getByTestId('field-report-category').innerText()).toBe('社会治安 / 治安隐患');
    await page.getByTestId('field-report-description').locator('textarea').first().fill(DESCRIPTION);
    await page
      .getByTestId('field-report-photos')
      .locator('input[type=file]')
      .setInputFiles({ name: 'IMG_20261129_0930.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto() });
    await poll(() => page.locator('.adm-image-uploader-cell img').count()).toBe(1);
    await poll(() => page.locator('.adm-image-uploader-cell-mask').count()).toBe(0); // made smaller
    await poll(() => page.getByTestId('field-report-position').innerText()).toContain('精度 12 米');

    await page.evaluate(() => window.scrollTo(0, 0));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 390, height });
    await page.screenshot({ path: 'e2e/artifacts/field-report.png' });
    if (process.env.UPDATE_SCREENSHOTS)
      copyFileSync('e2e/artifacts/field-report.png', 'docs/images/field.png');
    await page.setViewportSize({ width: 390, height: 844 });

    await page.getByTestId('field-report-submit').click();
    await poll(() => page.getByText('已保存，联网后自动上报').count()).toBe(1);
    await poll(() => page.getByTestId('field-sync').innerText()).toBe('1');
    // The photo waits on the phone as a JPEG of at most 1,600 px, much smaller than the camera's.
    const [photo] = await queuedPhotos();
    expect(photo).toMatchObject({ type: 'image/jpeg', width: 1600, height: 1200 });
    expect(photo!.bytes).toBeLessThan(400_000);

    // Daily check-in.
    await page.getByText('我的', { exact: true }).click();
    await page.getByTestId('field-checkin').click();
    await poll(() => page.getByTestId('field-checkins-today').innerText()).toContain('待同步');
    await poll(() => page.getByTestId('field-sync').innerText()).toBe('2');

    await page.getByTestId('field-sync').click();
    await page.waitForURL(/\/field\/outbox$/);
    await poll(() => page.getByTestId('field-outbox-item').count()).toBe(2);
    expect(await page.getByTestId('field-outbox-status').innerText()).toBe('2 条待同步');
    await poll(() => page.locator('.adm-toast-main').count()).toBe(0);
    await page.screenshot({ path: 'e2e/artifacts/field-outbox.png' });

    // Nothing reached the server while offline.
    const grid = await logIn('grid');
    const mine = () =>
      call<{ items: { title: string; source: string; gridCode: string; id: string; trackingNo: string }[] }>(
        'GET',
        '/api/v1/cases?queue=all&pageSize=200',
        grid,
      ).then((list) => list.items.filter((c) => c.title.includes('消防通道被电动车')));
    expect(await mine()).toHaveLength(0);

    // Back online: the outbox sends both; the first answer to each is lost, so each is sent again.
    await context.setOffline(false);
    await poll(() => page.getByTestId('field-offline').count()).toBe(0);
    await poll(() => page.getByTestId('field-outbox-item').count()).toBeLessThanOrEqual(1);
    await poll(async () => (await mine()).length).toBe(1);
    expect(reports.lost).toBe(1);
    expect(checkins.lost).toBe(1);
    await poll(() => checkins.sent).toBe(2);

    const [opened] = await mine();
    expect(opened).toMatchObject({ source: 'grid-worker', gridCode: 'Aa001' });
    const casePage = await call<{
      case: {
        description: string;
        location: { lng: number; lat: number } | null;
        category: { code: string };
      };
      photos?: string[];
    }>('GET', `/api/v1/cases/${opened!.id}`, grid);
    expect(casePage.case.description).toBe(DESCRIPTION);
    expect(casePage.case.category.code).toBe('public-order.hazard');
    expect(casePage.case.location!.lng).toBeCloseTo(building.lng, 4);
    expect(casePage.case.location!.lat).toBeCloseTo(building.lat, 4);

    // The check-in is recorded once, however often it was sent.
    const checkinList = await call<{ items: { kind: string; location: { lng: number } | null }[] }>(
      'GET',
      '/api/v1/field/checkins/mine',
      grid,
    );
    expect(checkinList.items).toHaveLength(1);
    expect(checkinList.items[0]!.kind).toBe('in');
    expect(checkinList.items[0]!.location!.lng).toBeCloseTo(building.lng, 4);

    // The photo: sent to the case where the server takes staff photos; kept on the phone where not.
    const openapi = await (await fetch(`${civgrid.url}/docs/json`)).json();
    if (openapi.paths['/api/v1/cases/{id}/photos']?.post) {
      await poll(() => page.getByTestId('field-outbox-item').count()).toBe(0);
      const again = await call<{ photos?: string[] }>('GET', `/api/v1/cases/${opened!.id}`, grid);
      expect(again.photos).toHaveLength(1);
    } else {
      await poll(() => page.getByTestId('field-outbox-error').innerText()).toContain(opened!.trackingNo);
    }
    await page.goto(`${civgrid.url}/field/me`);
    await poll(() => page.getByTestId('field-checkins-today').innerText()).toContain('已同步');
    await page.unrouteAll();
  });

  it('opens a building by its code and by its QR label', async () => {
    await page.goto(`${civgrid.url}/field/grid`);
    await page.getByTestId('field-open-scan').click();
    await page.waitForURL(/\/field\/scan$/);
    await page.getByTestId('field-code').locator('input').fill(building.code.toLowerCase());
    await page.getByTestId('field-code-open').click();
    await page.waitForURL(new RegExp(`/field/buildings/${building.id}$`));
    await poll(() => page.getByTestId('field-building-name').innerText()).toBe(building.name);
    expect(await page.getByTestId('field-building-code').innerText()).toBe(building.code);
    await poll(() => page.getByTestId('field-house-item').count()).toBe(76);
    await page.screenshot({ path: 'e2e/artifacts/field-building.png' });

    // The label's link as the camera reads it.
    const grid = await logIn('grid');
    const sheet = await call<{ labels: { buildingId: string; url: string }[] }>(
      'GET',
      '/api/v1/registry/labels?grid=Aa001',
      grid,
    );
    await page.goto(`${civgrid.url}/field/scan`);
    await page.getByTestId('field-code').locator('input').fill(sheet.labels[0]!.url);
    await page.getByTestId('field-code-open').click();
    await page.waitForURL(new RegExp(`/field/buildings/${sheet.labels[0]!.buildingId}$`));
    await poll(() => page.getByTestId('field-building-name').innerText()).toBe(building.name);

    // A code outside the jurisdiction opens nothing.
    await page.goto(`${civgrid.url}/field/scan`);
    await page.getByTestId('field-code').locator('input').fill('BAb003001');
    await page.getByTestId('field-code-open').click();
    await poll(() => page.getByTestId('field-scan-message').innerText()).toContain('BAb003001');
  });

  it('records a patrol: its start, the fixes while walking and its end reach the server', async () => {
    await page.goto(`${civgrid.url}/field/me`);
    await page.getByTestId('field-patrol-start').click();
    await poll(() => page.getByTestId('field-patrol-active').innerText()).toContain('已记录 1 个点');
    // A few steps north; the end of the patrol keeps the last fix.
    await context.setGeolocation({ latitude: building.lat + 0.0008, longitude: building.lng, accuracy: 8 });
    await page.waitForTimeout(1500);
    await page.getByTestId('field-patrol-stop').click();
    await poll(() => page.getByTestId('field-patrol-start').count()).toBe(1);

    const grid = await logIn('grid');
    const me = await call<{ user: { id: string } }>('GET', '/api/v1/auth/me', grid);
    const local = new Date(Date.now() + 8 * 3600_000); // Asia/Shanghai
    const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const township = await logIn('township');
    const track = () =>
      call<{ patrols: { endedAt: string | null; points: [number, number, number][] }[] }>(
        'GET',
        `/api/v1/field/patrols?worker=${me.user.id}&week=${monday}`,
        township,
      );
    await poll(async () => (await track()).patrols.filter((p) => p.endedAt !== null).length).toBe(1);
    const [walked] = (await track()).patrols;
    expect(walked!.points.length).toBe(2);
    await context.setGeolocation({ latitude: building.lat, longitude: building.lng, accuracy: 12 });
  });

  it("acknowledges an alert of the grid and answers a centre's instruction with a receipt and a reply", async () => {
    const city = await logIn('city');
    const sent = await call<{ instruction: { id: string } }>('POST', '/api/v1/instructions', city, {
      clientId: crypto.randomUUID(),
      title: '排查消防通道占用',
      body: '请于今日下班前排查本网格楼栋消防通道占用情况，并回复排查结果。',
      units: ['Aa001'],
      roles: ['grid-worker'],
      replyRequired: true,
    });

    await page.goto(`${civgrid.url}/field/tasks?tab=instructions`);
    await poll(() => page.getByTestId('field-instruction-item').count()).toBe(1);
    await page.getByTestId('field-instruction-item').click();
    await page.waitForURL(/\/field\/instructions\/\d+$/);
    await page
      .getByTestId('field-instruction-reply-text')
      .locator('textarea')
      .first()
      .fill('已排查 1 号楼，东侧通道已上报案件，其余通畅。');
    await page.getByTestId('field-instruction-reply').click();
    const recipients = () =>
      call<{ counts: { read: number; replied: number } }>(
        'GET',
        `/api/v1/instructions/${sent.instruction.id}/recipients`,
        city,
      );
    await poll(async () => (await recipients()).counts).toMatchObject({ read: 1, replied: 1 });

    // An alert of the grid: acknowledged from the task list.
    const grid = await logIn('grid');
    const open = await call<{ alerts: { id: string; status: string }[] }>(
      'GET',
      '/api/v1/alerts?status=open&pageSize=50',
      grid,
    );
    const alert = open.alerts.find((a) => a.status === 'dispatched' || a.status === 'new');
    expect(alert, 'the demo city raises alerts in grid Aa001').toBeDefined();
    await page.goto(`${civgrid.url}/field/alerts/${alert!.id}`);
    await page.getByTestId('field-alert-ack').click();
    await poll(
      async () => (await call<{ status: string }>('GET', `/api/v1/alerts/${alert!.id}`, grid)).status,
    ).toBe('acknowledged');
    await page.getByTestId('field-alert-resolve').click();
    await page
      .getByTestId('field-alert-note')
      .locator('textarea')
      .first()
      .fill('已上门核实，车辆系访客，已登记。');
    await page.getByTestId('field-alert-confirm').click();
    await poll(
      async () => (await call<{ status: string }>('GET', `/api/v1/alerts/${alert!.id}`, grid)).status,
    ).toBe('resolved');
  });
});
