// The alert centre in the console: an admin runs the models so the demo city has alerts, the city centre's
// operator opens the list, opens one alert with its evidence, acknowledges it and resolves it with a note,
// and the statistics count it. The alert page's screenshot is e2e/artifacts/alerts-page.png.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogIn, consoleLogIn } from './console-session.ts';
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

    await page.getByTestId('alert-step-acknowledge').click();
    await page.getByTestId('alert-step-ok').click();
    await poll(() => status.getAttribute('data-status')).toBe('acknowledged');

    await page.getByTestId('alert-step-resolve').click();
    // Resolving needs a note: without one the dialog says so and stays open.
    await page.getByTestId('alert-step-ok').click();
    await page.getByText('请填写说明').waitFor();
    await page.getByTestId('alert-step-note').fill('已上门核实，情况正常，已告知社区。');
    await page.getByTestId('alert-step-ok').click();
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
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
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
});
