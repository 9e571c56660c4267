// The alert centre in the console: an admin runs the models so the demo city has alerts, the city centre's
// operator opens the list, opens one alert with its evidence, acknowledges it and resolves it with a note,
// and the statistics count it. The alert page's screenshot is e2e/artifacts/alerts-page.png.
import { mkdirSync } from 'node:fs';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogIn, confirmIn, consoleLogIn, pick } from './console-session.ts';
import { type RunningCivgrid, startCivgrid } from './harness.ts';

let civgrid: RunningCivgrid;

/** Pages load their chunk and data first; a busy two-core machine needs more than a second. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

beforeAll(async () => {
  civgrid = await startCivgrid();
  mkdirSync('e2e/artifacts', { recursive: true });
  const admin = await apiLogIn(civgrid, 'admin');
  await apiCall(civgrid, 'POST', '/api/v1/admin/models/run', admin.cookie, {
    asOf: new Date().toISOString(),
  });
}, 300_000);
afterAll(async () => {
  await civgrid?.stop();
});

describe('the alert centre', () => {
  it('lists the alerts, shows one with its evidence, and acknowledges then resolves it with a note', async () => {
    const page = await consoleLogIn(civgrid, 'city');
    const menu = page.getByTestId('side-menu');
    // The menu offers the alert centre; its sub-menu may still be opening, so the list is reached by its
    // address.
    await menu.getByText('预警中心').waitFor();
    await page.goto(`${civgrid.url}/console/alerts`);
    await page.waitForURL(/\/console\/alerts$/);
    const rows = page.getByTestId('alert-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await rows.first().click();
    await page.waitForURL(/\/console\/alerts\/\d+$/);
    await page.getByTestId('alert-evidence').waitFor();
    const status = page.getByTestId('alert-page').getByTestId('alert-status').first();
    expect(['new', 'dispatched']).toContain(await status.getAttribute('data-status'));

    const stepOk = page.getByTestId('alert-step-ok');
    const stepSent = (r: Response) =>
      r.request().method() === 'POST' && /\/api\/v1\/alerts\/\d+\/\w/.test(r.url());
    await page.getByTestId('alert-step-acknowledge').click();
    expect((await confirmIn(page, stepOk, stepSent)).status()).toBe(200);
    await poll(() => status.getAttribute('data-status')).toBe('acknowledged');

    await page.getByTestId('alert-step-resolve').click();
    // Resolving needs a note: without one the dialog says so and stays open.
    await stepOk.click();
    await page.getByText('请填写说明').waitFor();
    await page.getByTestId('alert-step-note').fill('已上门核实，情况正常，已告知社区。');
    expect((await confirmIn(page, stepOk, stepSent)).status()).toBe(200);
    await poll(() => status.getAttribute('data-status')).toBe('resolved');
    await poll(() => page.getByTestId('alert-details').innerText()).toContain('已上门核实');
    await poll(() => page.getByTestId('alert-step-resolve').count()).toBe(0);
    await page.screenshot({ path: 'e2e/artifacts/alerts-page.png', fullPage: true });

    await page.goto(`${civgrid.url}/console/alert-stats`);
    await poll(() => page.getByTestId('alert-stats-table').innerText()).toMatch(/\d/);
  });

  it('lets an admin try a threshold with a dry run, then save it', async () => {
    const page = await consoleLogIn(civgrid, 'admin');
    await page.getByTestId('side-menu').getByText('预警阈值').waitFor();
    await page.goto(`${civgrid.url}/console/alert-rules`);
    await page.getByTestId('rule-setting-limitHours').waitFor();
    // antd puts the test id on the number input itself or on its wrapper, depending on the version.
    await page
      .locator('input[data-testid=rule-setting-limitHours], [data-testid=rule-setting-limitHours] input')
      .first()
      .fill('24');
    await page.getByTestId('rule-dry-run').click();
    await poll(() => page.getByTestId('rule-dry-run-result').innerText()).toMatch(/模型将产生 \d+ 条预警/);
    await page.getByTestId('rule-save').click();
    // The answer to the save itself, so that a refusal fails here with its status rather than as a
    // missing message later.
    const saving = await confirmIn(
      page,
      page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }),
      (r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/admin/alert-rules/'),
    );
    expect(saving.status()).toBe(200);
    await page.getByText('阈值已保存').waitFor();
    const admin = await apiLogIn(civgrid, 'admin');
    const saved = (await (
      await apiCall(civgrid, 'GET', '/api/v1/admin/alert-rules', admin.cookie)
    ).json()) as {
      rules: { rule: string; overrides: { category: string | null; settings: Record<string, unknown> }[] }[];
    };
    const care = saved.rules.find((r) => r.rule === 'care-not-seen')!;
    expect(care.overrides.find((o) => o.category === null)?.settings.limitHours).toBe(24);
  });
  it("shows the alerts on the map with the list's filters; a marker opens its alert", async () => {
    const page = await consoleLogIn(civgrid, 'city');
    await page.goto(`${civgrid.url}/console/alerts`);
    const markers = page.locator('[data-testid=alerts-map] [data-alert]');
    await poll(() => markers.count()).toBeGreaterThan(0);
    const shown = await markers.count();
    await expect(page.getByTestId('alerts-map-count').innerText()).resolves.toContain(String(shown));
    await page.screenshot({ path: 'e2e/artifacts/alerts-map.png' });
    // One rule only: the map keeps to it, as the list does.
    await pick(page, 'alerts-rule', '感知设备离线');
    const city = await apiLogIn(civgrid, 'city');
    const offline = (await (
      await apiCall(civgrid, 'GET', '/api/v1/alerts/map?rule=device-offline&status=open', city.cookie)
    ).json()) as { points: { id: string }[] };
    await poll(() => markers.count()).toBe(offline.points.length);
    if (offline.points.length > 0) {
      const id = await markers.first().getAttribute('data-alert');
      await markers.first().dispatchEvent('click');
      await page.waitForURL(new RegExp(`/console/alerts/${id}$`));
      await page.getByTestId('alert-evidence').waitFor();
    }
  });

  it('police ask for a watch on a plate, the city centre approves it, and the passing car reaches the police at once', async () => {
    const plate = '冀R5A2C8';
    const police = await consoleLogIn(civgrid, 'police');
    await police.goto(`${civgrid.url}/console/watchlist`);
    await police.getByTestId('watchlist-create').click();
    await pick(police, 'watchlist-subject-type', '车辆（车牌号）');
    await police.getByTestId('watchlist-subject-value').fill(plate);
    await police.getByTestId('watchlist-reason').fill('盗抢车辆协查通报');
    await police.getByTestId('watchlist-submit').click();
    // The list shows the plate masked (冀R***C8); the reason tells the row.
    const reason = '盗抢车辆协查通报';
    const row = police.getByTestId('watchlist-table').locator('tr', { hasText: reason });
    await row.getByText('待审批').waitFor();
    const policeApi = await apiLogIn(civgrid, 'police');
    const listed = (await (await apiCall(civgrid, 'GET', '/api/v1/watchlist', policeApi.cookie)).json()) as {
      entries: { id: string; status: string; reason: string }[];
    };
    const entry = listed.entries.find((e) => e.reason === reason)!;
    expect(entry.status).toBe('pending');
    // Who asked does not approve.
    expect(await police.getByTestId(`watchlist-approve-${entry.id}`).count()).toBe(0);

    const city = await consoleLogIn(civgrid, 'city');
    await city.goto(`${civgrid.url}/console/watchlist`);
    await city.getByTestId(`watchlist-approve-${entry.id}`).click();
    await city.getByTestId('watchlist-decision-note').fill('同意，布控七天');
    const approved = await confirmIn(city, city.getByTestId('watchlist-decision-ok'), (r) =>
      r.url().endsWith(`/api/v1/watchlist/${entry.id}/approve`),
    );
    expect(approved.status()).toBe(200);
    // Approved, it leaves 待我审批; under 全部 it shows as active.
    await city.getByTestId('watchlist-filter').getByText('全部').click();
    await poll(() => city.getByTestId(`watchlist-status-${entry.id}`).innerText()).toBe('布控中');

    // A camera in the police's village reads the plate.
    const admin = await apiLogIn(civgrid, 'admin');
    const { key } = (await (
      await apiCall(civgrid, 'POST', '/api/v1/apikeys', admin.cookie, { name: 'e2e-watch' })
    ).json()) as { key: string };
    const devices = (await (
      await apiCall(civgrid, 'GET', '/api/v1/devices/status?pageSize=200', policeApi.cookie)
    ).json()) as { items: { code: string; type: string }[] };
    const camera = devices.items.find((d) => d.type === 'plate')!;
    await police.getByTestId('live-alert-bell').waitFor();
    const sent = await fetch(`${civgrid.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          eventId: 'e2e-watch-1',
          deviceCode: camera.code,
          type: 'plate',
          time: new Date().toISOString(),
          direction: 'in',
          plate,
        },
      ]),
    });
    expect(await sent.json()).toMatchObject({ accepted: 1 });
    await police.locator('.ant-notification').getByText('布控对象出现', { exact: false }).first().waitFor();
    await police.getByTestId('live-alert-bell').click();
    await police.getByTestId('live-alerts').getByText('布控对象出现').first().waitFor();
    await police.screenshot({ path: 'e2e/artifacts/watchlist-hit.png' });
  });
});
