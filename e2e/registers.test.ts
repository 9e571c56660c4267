// A centre operator's first day with the registers: import the community's Excel sheet of residents
// through the console (dry run first, bad rows reported, good rows kept), open one resident's dossier,
// follow the links to the house and the building, and print the building's QR label.
import { mkdirSync } from 'node:fs';
import { makeIdNumber } from '@civgrid/domain';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCivgrid, startCivgrid } from './harness.ts';

let civgrid: RunningCivgrid;
let page: Page;
const SHEET = 'e2e/artifacts/residents.xlsx';
const GOOD = 24;
const first = { idNumber: makeIdNumber('131002', { year: 1946, month: 5, day: 8 }, 731), name: '司马秀芝' };

async function api<T>(path: string, cookie: string): Promise<T> {
  const response = await fetch(`${civgrid.url}${path}`, { headers: { cookie } });
  return (await response.json()) as T;
}

/** The sheet a community would keep: Chinese headers, one bad check digit and one unknown grid among them. */
async function writeSheet(houseCodes: string[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('实有人口');
  sheet.addRow(['身份证号', '姓名', '网格编码', '房屋编码', '手机号']);
  for (let i = 0; i < GOOD; i++) {
    const person =
      i === 0
        ? first
        : {
            idNumber: makeIdNumber('131002', { year: 1950 + i, month: 1, day: 9 }, 600 + i),
            name: `测试居民${i}`,
          };
    sheet.addRow([
      person.idNumber,
      person.name,
      'Aa001',
      houseCodes[i % houseCodes.length],
      `1390000${String(1000 + i)}`,
    ]);
  }
  const bad = makeIdNumber('131002', { year: 1980, month: 2, day: 2 }, 999);
  sheet.addRow([
    bad.slice(0, 17) + (bad.endsWith('1') ? '2' : '1'),
    '校验位错误',
    'Aa001',
    houseCodes[0],
    '',
  ]);
  sheet.addRow([
    makeIdNumber('131002', { year: 1981, month: 2, day: 2 }, 998),
    '网格不存在',
    'Zz999',
    '',
    '',
  ]);
  mkdirSync('e2e/artifacts', { recursive: true });
  await workbook.xlsx.writeFile(SHEET);
}

beforeAll(async () => {
  civgrid = await startCivgrid();
  const login = await fetch(`${civgrid.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'civgrid-demo' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const houses = await api<{ items: { code: string }[] }>(
    '/api/v1/registry/houses?under=Aa001&pageSize=5',
    cookie,
  );
  await writeSheet(houses.items.map((h) => h.code));
  page = await civgrid.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${civgrid.url}/console/login`);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('civgrid-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console\/(?!login)/);
});
afterAll(async () => {
  await civgrid?.stop();
});

describe('registers in the console', () => {
  it('imports an Excel sheet: dry run lists the bad rows, the import keeps the good ones', async () => {
    await page.goto(`${civgrid.url}/console/registry/import`);
    await page.getByTestId('import-kind').getByText('人员', { exact: true }).click();
    await page.getByTestId('import-file').setInputFiles(SHEET);
    await page.getByTestId('import-file-ok').waitFor();
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-dry-run').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(`通过 ${GOOD} 行，新建 ${GOOD} 条，更新 0 条，拒绝 2 行`);
    const rejected = await page.getByTestId('import-rejected').innerText();
    expect(rejected).toMatch(/校验位/);
    expect(rejected).toMatch(/网格/);
    await page.getByTestId('import-run').click();
    await page.getByText('已导入', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await result.innerText()).toContain(`通过 ${GOOD} 行，新建 ${GOOD} 条`);
    await page.screenshot({ path: 'e2e/artifacts/registers-import.png', fullPage: true });
  });

  it('opens the dossier of an imported resident, masked, and follows it to the house and the building', async () => {
    await page.goto(`${civgrid.url}/console/registry/persons`);
    await page.getByTestId('registry-search').locator('input').fill(first.name);
    await page.getByTestId('registry-search').locator('input').press('Enter');
    const table = page.getByTestId('registry-table');
    await table.getByText(first.name).first().click();
    await page.waitForURL(/\/registry\/persons\/\d+/);
    const body = await page.locator('body').innerText();
    expect(body).toContain(`${first.idNumber.slice(0, 6)}********${first.idNumber.slice(-4)}`);
    expect(body).not.toContain(first.idNumber);
    await page.getByTestId('link-house').first().click();
    await page.waitForURL(/\/registry\/houses\/\d+/);
    await expect.poll(() => page.locator('body').innerText()).toContain(first.name);
    await page.getByTestId('link-building').first().click();
    await page.waitForURL(/\/registry\/buildings\/\d+/);
    await page.getByTestId('building-houses').waitFor();
  });

  it("prints the building's QR label", async () => {
    await page.getByTestId('building-print-labels').click();
    await page.waitForURL(/\/registry\/labels/);
    const labels = page.getByTestId('label');
    await expect.poll(() => labels.count()).toBeGreaterThan(0);
    expect(await labels.first().locator('img, svg').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'e2e/artifacts/registers-label-print.png' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('labels-print').isEnabled()).toBe(true);
  });
});
