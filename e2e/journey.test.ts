// The whole loop as the issue tells it, across both apps: a resident reports through the portal on a
// phone → the village centre registers it and, beyond its means, escalates it → the township takes it
// and splits it to two departments → both accept and report back → the township verifies and closes it →
// the resident, with the password from the receipt, rates it 2/5 on the portal → the case reopens.
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogIn, caseStatus, consoleLogIn, createUser, pick } from './console-session.ts';
import { type RunningCivgrid, startCivgrid } from './harness.ts';

let civgrid: RunningCivgrid;
let phone: BrowserContext;
let portal: Page;
let caseUrl: string;
const receipt = { trackingNo: '', secret: '' };
const WATER = { username: 'dept-water', password: 'Water-Bureau-2026-liaison', name: '安次区水务局联络员' };
const VILLAGE = { username: 'village-desk', password: 'Village-Centre-2026-desk' };

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** Opens the case page as `username` and takes `step` with the form's fields filled by `fill`. */
async function takeStep(
  username: string,
  password: string | undefined,
  step: string,
  fill?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await consoleLogIn(civgrid, username, password);
  await page.goto(caseUrl);
  await page.getByTestId(`step-${step}`).click();
  await fill?.(page);
  await page.getByTestId('step-submit').click();
  return page;
}

beforeAll(async () => {
  civgrid = await startCivgrid();
  mkdirSync('e2e/artifacts', { recursive: true });
  const admin = await apiLogIn(civgrid, 'admin');
  const unit = (await (await apiCall(civgrid, 'GET', '/api/v1/org/units/Aa001', admin.cookie)).json()) as {
    parentCode: string;
    centre: [number, number];
  };
  await createUser(civgrid, {
    ...VILLAGE,
    displayName: '社区受理员',
    role: 'village-centre',
    scopeCode: unit.parentCode,
  });
  await createUser(civgrid, {
    username: WATER.username,
    password: WATER.password,
    displayName: WATER.name,
    role: 'department',
    scopeCode: '131002',
  });
  phone = await civgrid.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: { latitude: unit.centre[1], longitude: unit.centre[0] },
    permissions: ['geolocation'],
  });
  portal = await phone.newPage();
});
afterAll(async () => {
  await phone?.close();
  await civgrid?.stop();
});

describe('a resident report through the whole loop', () => {
  it('the resident reports through the portal and keeps the receipt', async () => {
    await portal.goto(`${civgrid.url}/portal/`);
    await portal.getByTestId('portal-category').click();
    await portal.locator('.adm-picker-view-column-item', { hasText: '环境卫生' }).tap();
    await portal.locator('.adm-picker-view-column-item', { hasText: '污水排放' }).tap();
    await portal.waitForTimeout(400); // the wheels settle
    await portal.locator('.adm-picker-header-button', { hasText: '确定' }).click();
    await portal
      .getByTestId('portal-description')
      .locator('textarea')
      .first()
      .fill('小区南侧污水外溢，排水沟堵塞，路面有积水和垃圾。');
    await portal.getByText('使用我的位置').click();
    await poll(() => portal.getByTestId('portal-location').innerText()).toContain('属于');
    await portal.getByTestId('portal-submit').click();
    await portal.waitForURL(/\/portal\/receipt$/);
    receipt.trackingNo = await portal.getByTestId('receipt-tracking-no').innerText();
    receipt.secret = await portal.getByTestId('receipt-secret').innerText();
    expect(receipt.trackingNo).toMatch(/^GD\d{6}[0-9A-Z]{8}$/);
  });

  it('the village centre registers it and escalates it to the township', async () => {
    const page = await consoleLogIn(civgrid, VILLAGE.username, VILLAGE.password);
    await page.goto(`${civgrid.url}/console/cases?queue=level`);
    await page.getByTestId('queue-row').filter({ hasText: receipt.trackingNo }).click();
    await page.waitForURL(/\/console\/cases\/\d+$/);
    caseUrl = page.url();
    await poll(() => caseStatus(page)).toBe('reported');
    await page.getByTestId('step-register').click();
    await page.getByTestId('step-submit').click();
    await poll(() => caseStatus(page)).toBe('registered');
    await page.getByTestId('step-escalate').click();
    await page
      .locator('[data-testid=step-form-escalate] textarea')
      .fill('涉及排水管网，需街道协调水务、住建');
    await page.getByTestId('step-submit').click();
    await poll(() => caseStatus(page)).toBe('escalated');
    await page.context().close();
  });

  it('the township takes it and splits it to two departments', async () => {
    const taken = await takeStep('township', undefined, 'take');
    await poll(() => caseStatus(taken)).toBe('registered');
    await taken.getByTestId('step-assign').click();
    await pick(taken, 'assign-assignee-0', '住建局');
    await taken.getByTestId('assign-instructions-0').fill('清理路面垃圾，修复破损井盖');
    await taken.getByTestId('assign-add').click();
    await pick(taken, 'assign-assignee-1', '水务局');
    await taken.getByTestId('assign-instructions-1').fill('疏通排水沟，处置外溢污水');
    await taken.getByTestId('step-submit').click();
    await poll(() => caseStatus(taken)).toBe('assigned');
    await taken.context().close();
  });

  it('both departments accept their task and report back', async () => {
    for (const [username, password, report] of [
      ['dept', undefined, '路面已清理，井盖已更换'],
      [WATER.username, WATER.password, '排水沟已疏通，污水已抽排'],
    ] as const) {
      const page = await takeStep(username, password, 'accept');
      await page.getByTestId('step-report').click();
      await page.locator('[data-testid=step-form-report] textarea').fill(report);
      await page.getByTestId('step-submit').click();
      await page.getByTestId('case-no-actions').waitFor();
      await page.context().close();
    }
  });

  it('the township verifies and closes it; the resident sees it settled', async () => {
    const page = await takeStep('township', undefined, 'resolve', async (form) => {
      await form.locator('[data-testid=step-form-resolve] textarea').fill('经核查，污水和垃圾已处置完毕');
    });
    await poll(() => caseStatus(page)).toBe('resolved');
    await page.context().close();
    await portal.goto(`${civgrid.url}/portal/follow/${receipt.trackingNo}`);
    await poll(() => portal.getByTestId('portal-status').innerText()).toBe('已办结');
    const progress = await portal.getByTestId('portal-progress').innerText();
    expect(progress).toContain('经核查，污水和垃圾已处置完毕');
    // The resident hears the milestones, not the departments' internal reports.
    expect(progress).not.toContain('排水沟已疏通');
  });

  it('the resident rates it 2/5 and the case reopens', async () => {
    await portal.getByTestId('portal-rate').click();
    await portal.locator('.adm-rate-star').nth(1).tap();
    await portal.getByTestId('portal-rate-secret').locator('input').fill(receipt.secret);
    await portal.getByTestId('portal-rate-submit').click();
    await poll(() => portal.getByTestId('portal-status').innerText()).toBe('群众不满意重办');
    await portal.screenshot({ path: 'e2e/artifacts/journey-reopened-portal.png' });
    const page = await consoleLogIn(civgrid, 'township');
    await page.goto(caseUrl);
    await poll(() => caseStatus(page)).toBe('reopened');
    await poll(() => page.getByTestId('case-timeline').innerText()).toContain('不满意');
    await page.context().close();
  });
});
