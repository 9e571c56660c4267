// A community police officer's morning with the sensing pages: the devices of the community on the
// map, a resident's trajectory played back, a collision of two gates that leads to a dossier and its
// sensing timeline, and the contacts of the same resident. A grid worker is offered none of it.
// The events are sent first through the events API with an API key, as a gateway would. The demo city
// has simulated events of its own, so the collision and the contacts look at two gates registered here,
// which only these events pass.
import { copyFileSync, mkdirSync } from 'node:fs';
import { makeIdNumber } from '@civgrid/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCivgrid, startCivgrid } from './harness.ts';

let civgrid: RunningCivgrid;
let page: Page;

// Two registered residents of grid Aa001 and a passer-by who is in no register.
const A = { idNumber: makeIdNumber('131002', { year: 1985, month: 6, day: 1 }, 321), name: '轨迹测试甲' };
const B = { idNumber: makeIdNumber('131002', { year: 1987, month: 9, day: 12 }, 322), name: '轨迹测试乙' };
const C = makeIdNumber('131002', { year: 1990, month: 3, day: 3 }, 323);
// The seeded devices of 东方南里社区, the community of grid Aa001 (the police account's jurisdiction),
// and the two gates this test adds to that grid.
const DEVICE = (suffix: string) => `LF-02001001-${suffix}`;
// (The seed gives a community two gate cameras, GF1 and GF2; these side gates are the test's own.)
const NORTH = { code: DEVICE('GF8'), name: '东方南里社区北侧便门人脸抓拍' };
const SOUTH = { code: DEVICE('GF9'), name: '东方南里社区南侧便门人脸抓拍' };
const PURPOSE = '盗窃案侦查，核实相关人员行动轨迹';

/** Pages load their chunk, Leaflet and data first; a busy two-core machine needs more than a second. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** A's day round the community's devices, and through the two test gates: out by the north one with B,
 *  back by the south one with B, where C passes at the same time. */
function events(base: number) {
  let n = 0;
  const at = (code: string, type: string, minutes: number, direction: 'in' | 'out', idNumber: string) => ({
    eventId: `e2e-${++n}`,
    deviceCode: code.includes('-') ? code : DEVICE(code),
    type,
    time: new Date(base + minutes * 60_000).toISOString(),
    direction,
    idNumber,
    plate: null,
    mac: null,
    cardNo: null,
    snapshotRef: `nvr://e2e/${n}`,
  });
  return [
    at('D01', 'door', 0, 'out', A.idNumber),
    at('GF2', 'face', 5, 'out', A.idNumber),
    at('GF1', 'face', 600, 'in', A.idNumber),
    at('D03', 'door', 610, 'in', A.idNumber),
    at('D02', 'door', 615, 'out', A.idNumber),
    at('GF2', 'face', 720, 'in', A.idNumber),
    at('D01', 'door', 725, 'in', A.idNumber),
    at(NORTH.code, 'face', 20, 'out', A.idNumber),
    at(SOUTH.code, 'face', 640, 'in', A.idNumber),
    at(NORTH.code, 'face', 22, 'out', B.idNumber),
    at(SOUTH.code, 'face', 643, 'in', B.idNumber),
    at(SOUTH.code, 'face', 638, 'in', C),
  ];
}

async function call(path: string, init: { cookie?: string; key?: string; body?: unknown }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  const response = await fetch(`${civgrid.url}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(init.body ?? {}),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return response;
}

async function logIn(username: string) {
  await page.context().clearCookies();
  await page.goto(`${civgrid.url}/console/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('civgrid-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console\/(?!login)/);
}

beforeAll(async () => {
  civgrid = await startCivgrid();
  const login = await call('/api/v1/auth/login', { body: { username: 'admin', password: 'civgrid-demo' } });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const { key } = (await (
    await call('/api/v1/apikeys', { cookie, body: { name: 'e2e gateway' } })
  ).json()) as {
    key: string;
  };
  await call('/api/v1/import/persons', {
    cookie,
    body: [A, B].map((p) => ({ ...p, gridCode: 'Aa001' })),
  });
  const grid = (await (
    await fetch(`${civgrid.url}/api/v1/org/units/Aa001`, { headers: { cookie } })
  ).json()) as {
    centre: [number, number];
  };
  const [lng, lat] = grid.centre;
  await call('/api/v1/import/devices', {
    cookie,
    body: [
      { ...NORTH, lat: lat + 0.004, lng },
      { ...SOUTH, lat: lat - 0.004, lng },
    ].map((d) => ({ ...d, type: 'face', gridCode: 'Aa001' })),
  });
  // Thirteen hours ago, so the whole day lies in the past and inside the pages' default ranges.
  const base = Math.floor((Date.now() - 13 * 3_600_000) / 60_000) * 60_000;
  const sent = (await (await call('/api/v1/events', { key, body: events(base) })).json()) as {
    accepted: number;
  };
  expect(sent.accepted).toBe(12);
  await call(`/api/v1/devices/${DEVICE('GF2')}/heartbeat`, { key });
  page = await civgrid.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  mkdirSync('e2e/artifacts', { recursive: true });
});
afterAll(async () => {
  await civgrid?.stop();
});

describe('sensing in the console', () => {
  it("shows the community's devices on the map with their state and last report", async () => {
    await logIn('police');
    await page.goto(`${civgrid.url}/console/sensing/devices`);
    const map = page.getByTestId('device-map');
    const counts = page.getByTestId('device-counts');
    await poll(() => counts.innerText()).toMatch(/设备总数\s*\d+/);
    const total = Number(/设备总数\s*(\d+)/.exec(await counts.innerText())![1]);
    expect(total).toBeGreaterThanOrEqual(3);
    await poll(() => map.locator('[data-device]').count()).toBe(total);
    expect(await map.locator(`[data-device="${NORTH.code}"]`).count()).toBe(1);
    const table = page.getByTestId('device-status-table');
    expect(await table.locator('.ant-table-row').count()).toBe(Math.min(total, 10)); // the first page
    await page.locator(`[data-device="${DEVICE('GF2')}"]`).click();
    const row = table.locator('.ant-table-row-selected');
    await poll(() => row.innerText()).toContain(DEVICE('GF2'));
    expect(await row.innerText()).toContain('在线');
    expect(await row.innerText()).not.toContain('从未上报');
    await page.screenshot({ path: 'e2e/artifacts/sensing-devices.png' });
  });

  it('asks a purpose, then draws the trajectory, lists its points and plays it back', async () => {
    await page.goto(`${civgrid.url}/console/sensing/trajectory`);
    await page.getByTestId('subject-value').fill(A.idNumber);
    await page.getByTestId('trajectory-submit').click();
    await poll(() => page.getByText('请填写查询目的', { exact: false }).count()).toBeGreaterThan(0);
    await page.getByTestId('purpose-reason').fill(PURPOSE);
    await page.getByTestId('trajectory-submit').click();
    const map = page.getByTestId('trajectory-map');
    await poll(() => map.getAttribute('data-track-points')).toBe('9');
    const points = page.getByTestId('trajectory-points');
    expect(await points.locator('.ant-table-row').count()).toBe(9);
    expect(await points.innerText()).toContain('东方南里社区北门人脸抓拍');
    // The masked number, never the one typed, heads the result.
    const title = await page.getByText('的轨迹（9 个点位）').innerText();
    expect(title).toContain(`${A.idNumber.slice(0, 6)}********${A.idNumber.slice(-4)}`);
    await page.getByTestId('playback-speed').getByText('16×').click();
    await page.getByTestId('playback-toggle').click();
    await poll(async () => Number(await map.getAttribute('data-current'))).toBeGreaterThan(1);
    await page.getByTestId('playback-toggle').click();
    await points.locator('.ant-table-row').nth(2).click();
    await poll(() => map.getAttribute('data-current')).toBe('2');
    expect(await page.getByTestId('playback-clock').innerText()).toContain('第 3 / 9 个点位');
    // The README's picture: the form, the track with its playback and the first points, in one screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'e2e/artifacts/sensing-trajectory.png' });
    if (process.env.UPDATE_SCREENSHOTS)
      copyFileSync('e2e/artifacts/sensing-trajectory.png', 'docs/images/trajectory.png');
  });

  it('runs a collision of two gates picked on the map and follows a result to its dossier', async () => {
    await page.goto(`${civgrid.url}/console/sensing/collision`);
    // The purpose stated for the trajectory is remembered for the session.
    expect(await page.getByTestId('purpose-reason').inputValue()).toBe(PURPOSE);
    await page.locator(`[data-device="${NORTH.code}"]`).click();
    await page.getByTestId('condition-2').click();
    await page.locator(`[data-device="${SOUTH.code}"]`).click();
    expect(await page.getByTestId('condition-1').innerText()).toContain(NORTH.name);
    expect(await page.getByTestId('condition-2').innerText()).toContain(SOUTH.name);
    await page.getByTestId('collision-submit').click();
    // A and B passed both gates; C only the south one.
    const results = page.getByTestId('collision-results');
    await poll(() => results.locator('.ant-table-row').count()).toBe(2);
    expect(await results.innerText()).not.toContain(C.slice(-4));
    await page.screenshot({ path: 'e2e/artifacts/sensing-collision.png', fullPage: true });
    const rowOfA = results.locator('.ant-table-row', { hasText: A.idNumber.slice(-4) });
    expect(await rowOfA.innerText()).toMatch(/条件 1\s*条件 2/);
    await rowOfA.getByTestId('link-person').click();
    await page.waitForURL(/\/registry\/persons\/\d+/);
    await poll(() => page.getByTestId('dossier-title').innerText()).toBe(A.name);
  });

  it("asks the purpose before a dossier's sensing timeline and then shows its sightings", async () => {
    // A new session in this tab has no purpose yet.
    await page.evaluate(() => window.sessionStorage.clear());
    await page.reload();
    await page.getByRole('tab', { name: '感知时间线' }).click();
    const dialog = page.getByTestId('purpose-form');
    await dialog.waitFor();
    await dialog.getByTestId('purpose-reason').fill(PURPOSE);
    await page.getByTestId('purpose-ok').click();
    const timeline = page.getByTestId('timeline-table');
    await poll(() => timeline.locator('.ant-table-row').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('sensing-timeline').innerText()).toContain(`查询目的：${PURPOSE}`);
    await page.screenshot({ path: 'e2e/artifacts/sensing-timeline.png', fullPage: true });
  });

  it('finds the contacts of a resident: a table and a graph', async () => {
    await page.goto(`${civgrid.url}/console/sensing/contacts`);
    await page.getByTestId('subject-value').fill(B.idNumber);
    await page.getByTestId('contacts-submit').click();
    const table = page.getByTestId('contacts-table');
    await poll(() => table.locator('.ant-table-row').count()).toBe(2);
    const rows = table.locator('.ant-table-row');
    // A met B at both gates and has a dossier; C met B once, at the south gate, and has none.
    const first = await rows.nth(0).innerText();
    expect(first).toContain(A.idNumber.slice(-4));
    expect(first.split('\t')).toContain('2');
    expect(await rows.nth(0).getByTestId('link-person').count()).toBe(1);
    expect(await rows.nth(1).innerText()).toContain(C.slice(-4));
    expect(await rows.nth(1).innerText()).toContain('未登记');
    await poll(() => page.getByTestId('contacts-graph').getAttribute('data-nodes')).toBe('3');
    await page.screenshot({ path: 'e2e/artifacts/sensing-contacts.png', fullPage: true });
  });

  it('offers a grid worker none of the insight pages and no sensing timeline', async () => {
    await logIn('grid');
    const menu = await page.getByTestId('side-menu').innerText();
    expect(menu).not.toMatch(/轨迹查询|碰撞比对|密接排查/);
    await page.goto(`${civgrid.url}/console/sensing/trajectory`);
    await poll(() => page.getByText('无权访问').count()).toBe(1);
    await page.goto(`${civgrid.url}/console/registry/persons?q=${encodeURIComponent(A.name)}`);
    await page.getByTestId('registry-table').getByText(A.name).click();
    await page.waitForURL(/\/registry\/persons\/\d+/);
    await page.getByTestId('dossier-tabs').waitFor();
    expect(await page.getByTestId('dossier-tabs').innerText()).not.toContain('感知时间线');
  });
});
