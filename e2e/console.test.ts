// The console journey a city operator takes on day one: log in, open the hierarchy, see the grid map,
// switch the interface to English. The screenshot of the hierarchy page is the README's picture.
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCivgrid, startCivgrid } from './harness.ts';

let civgrid: RunningCivgrid;
let page: Page;
beforeAll(async () => {
  civgrid = await startCivgrid();
  page = await civgrid.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
});
afterAll(async () => {
  await civgrid?.stop();
});

async function logIn(username: string, password = 'civgrid-demo') {
  await page.goto(`${civgrid.url}/console/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('console', () => {
  it('sends its bundles compressed and cacheable for a year, and its pages fresh each time', async () => {
    const html = await (await fetch(`${civgrid.url}/console/`)).text();
    const script = html.match(/\/assets\/[^"]+\.js/)![0];
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const asset = await fetch(`${civgrid.url}${script}`, { headers: { 'accept-encoding': accept } });
      expect(asset.headers.get('content-encoding')).toBe(encoding);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    }
    const page = await fetch(`${civgrid.url}/console/org`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<div id="root">');
  });

  it('refuses a wrong password with a message and stays on the login page', async () => {
    await logIn('admin', 'not-the-password');
    await expect.poll(() => page.getByText('用户名或密码错误', { exact: false }).count()).toBeGreaterThan(0);
    expect(page.url()).toContain('/console/login');
  });

  it('logs in, opens the hierarchy and draws the grid map', async () => {
    await logIn('admin');
    await page.waitForURL(/\/console\/(?!login)/);
    await page.goto(`${civgrid.url}/console/org`);
    const tree = page.getByTestId('org-tree');
    await expect.poll(() => tree.getByText('廊坊市').count()).toBeGreaterThan(0);
    // The whole city's grids are drawn on a canvas; the demo city has about sixty.
    const map = page.getByTestId('grid-map');
    await expect
      .poll(async () => Number(await map.getAttribute('data-grids')), { timeout: 15_000 })
      .toBeGreaterThan(40);
    const canvas = await map.locator('canvas').boundingBox();
    expect(canvas!.width * canvas!.height).toBeGreaterThan(100_000);
    mkdirSync('e2e/artifacts', { recursive: true });
    await page.screenshot({ path: 'e2e/artifacts/console-org.png' });
    // The README's picture; refreshed on request so a test run never dirties the tree.
    if (process.env.UPDATE_SCREENSHOTS)
      copyFileSync('e2e/artifacts/console-org.png', 'docs/images/console.png');
  });

  it('switches the interface to English and keeps it after a reload', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('body').innerText()).toMatch(/Hierarchy|Organisation|Grids/);
    await page.reload();
    await expect.poll(() => page.locator('body').innerText()).toMatch(/Hierarchy|Organisation|Grids/);
    expect(await page.locator('body').innerText()).not.toContain('组织与网格');
  });

  it('shows the auditor only the audit log, and the chain verifies', async () => {
    await page.context().clearCookies();
    await logIn('auditor');
    await page.waitForURL(/\/console\/audit/);
    const menu = await page.locator('.ant-menu').innerText();
    expect(menu).not.toMatch(/Users|用户管理/);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.innerText()).toMatch(/intact|完整/i);
  });
});
