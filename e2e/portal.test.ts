// A resident on a phone, with no account: reports rubbish piling up through the portal — category, a
// description, a photo straight from the camera (with the GPS position the camera wrote), the phone's
// own position and then a tap on the map — gets a tracking number and a password, and follows the case.
// The case lands in the tapped grid with the photo stripped of its position. When the village centre and
// the grid worker have settled it, the resident rates it 2/5 on the portal and the case is reopened.
import { copyFileSync, mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCivgrid, startCivgrid } from './harness.ts';

let civgrid: RunningCivgrid;
let context: BrowserContext;
let page: Page;
let admin: string;
let grid: { code: string; name: string; village: string; lng: number; lat: number };
const receipt = { trackingNo: '', secret: '' };

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

// 39°31'45.12"N as a camera writes it: three rationals, little-endian.
const GPS = Buffer.from([39, 0, 0, 0, 1, 0, 0, 0, 31, 0, 0, 0, 1, 0, 0, 0, 0xa0, 0x11, 0, 0, 100, 0, 0, 0]);

/** An EXIF APP1 segment whose GPS IFD holds the latitude above. */
function exifSegment(): Buffer {
  const tiff = Buffer.alloc(44);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt16LE(1, 26);
  tiff.writeUInt16LE(0x0002, 28);
  tiff.writeUInt16LE(5, 30);
  tiff.writeUInt32LE(3, 32);
  tiff.writeUInt32LE(44, 36);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, GPS]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A 480×360 "photo" drawn by the browser and encoded as JPEG, with an EXIF GPS block put in. */
async function cameraPhoto(): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 360;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 200);
    sky.addColorStop(0, '#8ec5fc');
    sky.addColorStop(1, '#e0f0ff');
    g.fillStyle = sky;
    g.fillRect(0, 0, 480, 200);
    g.fillStyle = '#9e9e9e';
    g.fillRect(0, 200, 480, 160);
    g.fillStyle = '#c8b89a';
    g.fillRect(300, 60, 160, 140);
    for (const [x, y, r, c] of [
      [120, 250, 60, '#5d4037'],
      [190, 270, 45, '#2e7d32'],
      [80, 290, 40, '#37474f'],
      [240, 300, 35, '#6d4c41'],
    ] as const) {
      g.fillStyle = c;
      g.beginPath();
      g.arc(x, y, r, 0, Math.PI * 2);
      g.fill();
    }
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  });
  const jpeg = Buffer.from(base64, 'base64');
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(), jpeg.subarray(2)]);
}

async function call(method: string, path: string, cookie: string, body?: unknown) {
  const response = await fetch(`${civgrid.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response;
}

async function logIn(username: string, password = 'civgrid-demo') {
  const response = await fetch(`${civgrid.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status, `login ${username}`).toBe(200);
  const { user } = (await response.json()) as { user: { id: string } };
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, id: user.id };
}

async function caseId(): Promise<string> {
  const list = (await (await call('GET', '/api/v1/cases?queue=all&pageSize=200', admin)).json()) as {
    items: { id: string; trackingNo: string }[];
  };
  return list.items.find((c) => c.trackingNo === receipt.trackingNo)!.id;
}

beforeAll(async () => {
  civgrid = await startCivgrid();
  admin = (await logIn('admin')).cookie;
  const unit = (await (await call('GET', '/api/v1/org/units/Aa001', admin)).json()) as {
    name: string;
    parentCode: string;
    centre: [number, number];
  };
  grid = {
    code: 'Aa001',
    name: unit.name,
    village: unit.parentCode,
    lng: unit.centre[0],
    lat: unit.centre[1],
  };
  // A phone in the grid, which lets the page read its position.
  context = await civgrid.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: { latitude: grid.lat, longitude: grid.lng },
    permissions: ['geolocation'],
  });
  page = await context.newPage();
  mkdirSync('e2e/artifacts', { recursive: true });
});
afterAll(async () => {
  await context?.close();
  await civgrid?.stop();
});

describe('the resident portal', () => {
  it('reports a problem with a photo and a point on the map, and shows the receipt', async () => {
    await page.goto(`${civgrid.url}/portal/`);
    await page.waitForURL(/\/portal\/report$/);
    await poll(() => page.locator('.portal-header').innerText()).toContain('廊坊市');

    await page.getByTestId('portal-category').click();
    await page.locator('.adm-picker-view-column-item', { hasText: '环境卫生' }).tap();
    await page.locator('.adm-picker-view-column-item', { hasText: '垃圾堆放清运' }).tap();
    await page.waitForTimeout(400); // the wheels settle
    await page.locator('.adm-picker-header-button', { hasText: '确定' }).click();
    await poll(() => page.getByTestId('portal-category').innerText()).toBe('环境卫生 / 垃圾堆放清运');

    await page

      .getByTestId('portal-description')
      .locator('textarea')
      .first()
      .fill('小区东门外垃圾堆放三天无人清运，气味很大。');
    await page
      .getByTestId('portal-photos')
      .locator('input[type=file]')
      .setInputFiles({ name: 'IMG_20260301_0812.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto() });
    await poll(() => page.locator('.adm-image-uploader-cell img').count()).toBe(1);

    // The phone's position, then a tap on the map a little beside it.
    await page.getByText('使用我的位置').click();
    const location = page.getByTestId('portal-location');
    await poll(() => location.innerText()).toContain(`属于：${grid.name}`);
    const box = (await page.getByTestId('portal-map').boundingBox())!;
    await page.waitForTimeout(500);
    await page.mouse.click(box.x + box.width / 2 + 24, box.y + box.height / 2 - 12);
    await poll(() => location.innerText()).not.toContain(grid.lat.toFixed(5));
    expect(await location.innerText()).toContain(`属于：${grid.name}`);

    await page.getByPlaceholder('选填，如：XX 小区 3 号楼东侧').fill('东门外垃圾站旁');
    await page.getByPlaceholder('选填', { exact: true }).fill('李女士');
    await page.getByTestId('portal-phone').locator('input').fill('12345');
    await page.getByTestId('portal-submit').click();
    await poll(() => page.getByText('请输入正确的手机号（11 位，以 1 开头）').count()).toBe(1);
    await page.getByTestId('portal-phone').locator('input').fill('138 1234 5678');

    // The whole form in one picture (a viewport as tall as the page keeps the tab bar at the bottom).
    await page.evaluate(() => window.scrollTo(0, 0));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 390, height });
    await page.screenshot({ path: 'e2e/artifacts/portal-report.png' });
    if (process.env.UPDATE_SCREENSHOTS)
      copyFileSync('e2e/artifacts/portal-report.png', 'docs/images/portal.png');
    await page.setViewportSize({ width: 390, height: 844 });

    await page.getByTestId('portal-submit').click();
    await page.waitForURL(/\/portal\/receipt$/);
    receipt.trackingNo = await page.getByTestId('receipt-tracking-no').innerText();
    receipt.secret = await page.getByTestId('receipt-secret').innerText();
    expect(receipt.trackingNo).toMatch(/^GD\d{6}[0-9A-Z]{8}$/);
    expect(receipt.secret).toMatch(/^[2-9A-Z]{8}$/);
    expect(await page.getByTestId('portal-receipt').innerText()).toContain('评价密码只显示这一次');
    await page.screenshot({ path: 'e2e/artifacts/portal-receipt.png' });
  });

  it('placed the case in the tapped grid and kept the photo without its GPS position', async () => {
    const id = await caseId();
    const page_ = (await (await call('GET', `/api/v1/cases/${id}`, admin)).json()) as {
      case: { gridCode: string; source: string; category: { code: string }; reporter: { phone: string } };
      photos: string[];
    };
    expect(page_.case).toMatchObject({
      gridCode: grid.code,
      source: 'portal',
      category: { code: 'environment.refuse' },
      reporter: { phone: '138****5678' },
    });
    expect(page_.photos).toHaveLength(1);
    const photo = Buffer.from(
      await (await call('GET', `/api/v1/cases/${id}/photos/${page_.photos[0]}`, admin)).arrayBuffer(),
    );
    expect(photo.includes(GPS)).toBe(false);
    expect(photo.includes('Exif')).toBe(false);
    // Still a picture the browser decodes, at its size.
    const size = await page.evaluate(
      async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return [image.naturalWidth, image.naturalHeight];
      },
      `data:image/jpeg;base64,${photo.toString('base64')}`,
    );
    expect(size).toEqual([480, 360]);
  });

  it('follows the case by its tracking number', async () => {
    await page.getByTestId('receipt-follow').click();
    await page.waitForURL(new RegExp(`/portal/follow/${receipt.trackingNo}$`));
    await poll(() => page.getByTestId('portal-status').innerText()).toBe('待受理');
    // From the tab, as a resident coming back later would, typing the number in lower case.
    await page.getByText('进度查询').click();
    await page.goto(`${civgrid.url}/portal/follow`);
    await page.getByTestId('portal-follow-input').locator('input').fill(receipt.trackingNo.toLowerCase());
    await page.getByTestId('portal-follow-search').click();
    await page.waitForURL(new RegExp(`/portal/follow/${receipt.trackingNo}$`));
    const view = page.getByTestId('portal-case');
    await poll(() => view.innerText()).toContain('垃圾堆放清运');
    expect(await page.getByTestId('portal-progress').innerText()).toContain('网站');
    await page.screenshot({ path: 'e2e/artifacts/portal-follow.png', fullPage: true });
  });

  it('rates the settled case 2/5 with the password, which reopens it', async () => {
    const id = await caseId();
    const created = await call('POST', '/api/v1/users', admin, {
      username: 'village-e2e',
      displayName: '社区受理员',
      password: 'Village-Centre-2026-desk',
      role: 'village-centre',
      scopeCode: grid.village,
    });
    expect(created.status).toBe(201);
    const village = (await logIn('village-e2e', 'Village-Centre-2026-desk')).cookie;
    const worker = await logIn('grid');
    const step = async (cookie: string, body: Record<string, unknown>) => {
      const read = (await (await call('GET', `/api/v1/cases/${id}`, cookie)).json()) as {
        case: { version: number };
      };
      await call('POST', `/api/v1/cases/${id}/steps`, cookie, { version: read.case.version, ...body });
    };
    await step(village, { step: 'register' });
    await step(village, {
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: worker.id }, instructions: '联系物业清运' }],
    });
    await step(worker.cookie, { step: 'accept', task: 1 });
    await step(worker.cookie, { step: 'report', task: 1, outcome: 'done', report: '已清运' });
    await step(village, { step: 'resolve', note: '垃圾已清运完毕' });

    await page.reload();
    await poll(() => page.getByTestId('portal-status').innerText()).toBe('已办结');
    expect(await page.getByTestId('portal-progress').innerText()).toContain('垃圾已清运完毕');
    await page.getByTestId('portal-rate').click();
    await page.waitForURL(/\/rate$/);
    await page.locator('.adm-rate-star').nth(1).tap();
    await poll(() => page.getByTestId('portal-rate-reopen').innerText()).toContain('将重新交办处理');
    await page.getByPlaceholder('选填，说说您的意见或建议').fill('清运太慢，三天才处理');
    await page.getByTestId('portal-rate-secret').locator('input').fill('WRONG234');
    await page.getByTestId('portal-rate-submit').click();
    await poll(() => page.getByTestId('portal-rate-error').innerText()).toContain('评价密码不正确');
    await page.getByTestId('portal-rate-secret').locator('input').fill(receipt.secret.toLowerCase());
    await page.screenshot({ path: 'e2e/artifacts/portal-rate.png' });
    await page.getByTestId('portal-rate-submit').click();
    await page.waitForURL(new RegExp(`/portal/follow/${receipt.trackingNo}$`));
    await poll(() => page.getByTestId('portal-status').innerText()).toBe('群众不满意重办');
    const after = (await (await call('GET', `/api/v1/cases/${id}`, admin)).json()) as {
      case: { status: string; reopenCount: number };
    };
    expect(after.case).toMatchObject({ status: 'reopened', reopenCount: 1 });
  });

  it('switches to English', async () => {
    await page.getByTestId('portal-lang').click();
    await poll(() => page.getByTestId('portal-status').innerText()).toBe('reopened');
    expect(await page.locator('.portal-tabs').innerText()).toContain('Follow');
  });
});

describe('the satisfaction survey', () => {
  let survey: Page;
  const answer = async (stars: number, phone: string) => {
    await survey
      .locator('.adm-rate-star')
      .nth(stars - 1)
      .tap();
    await survey.getByTestId('portal-survey-phone').locator('input').fill(phone);
    await survey.getByTestId('portal-survey-submit').click();
  };

  beforeAll(async () => {
    survey = await context.newPage();
    // A new resident's phone: the survey page in Chinese, whatever the tab before chose.
    await survey.addInitScript(() => localStorage.clear());
  });

  it('asks for the grid, the stars and a valid mobile number before it sends anything', async () => {
    await survey.goto(`${civgrid.url}/portal/survey`);
    await poll(() => survey.getByTestId('portal-survey-page').innerText()).toContain('对网格服务的满意度');
    // Scrolled so that the map's zoom buttons pass under the page's header, the header stays on top.
    const zoom = survey.locator('.leaflet-control-zoom');
    const header = (await survey.locator('.portal-header').boundingBox())!;
    const before = (await zoom.boundingBox())!;
    await survey.evaluate((by) => window.scrollBy(0, by), before.y - header.y - 8);
    const under = (await zoom.boundingBox())!;
    expect(under.y).toBeLessThan(header.y + header.height);
    const topmost = await survey.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('.portal-header') !== null,
      [under.x + under.width / 2, under.y + 4],
    );
    expect(topmost).toBe(true);
    await survey.evaluate(() => window.scrollTo(0, 0));
    await survey.getByTestId('portal-survey-submit').click();
    await poll(() => survey.getByText('请选择星级').count()).toBe(1);
    expect(await survey.getByText('请输入手机号').count()).toBe(1);
    await answer(4, '12345');
    await poll(() => survey.getByText('手机号格式不正确，请填写 11 位大陆手机号').count()).toBe(1);
    await answer(4, '13912345678');
    await poll(() => survey.getByTestId('portal-survey-error').innerText()).toBe('请先选择网格');
  });

  it("rates the grid the phone's position falls in; the same phone's second answer that month replaces the first", async () => {
    await survey.getByText('使用我的位置').click();
    await poll(() => survey.getByTestId('portal-survey-page').innerText()).toContain(`已选择：${grid.name}`);
    await survey.getByTestId('portal-survey-submit').click();
    const done = survey.getByTestId('portal-survey-done');
    await poll(() => done.innerText()).toMatch(new RegExp(`已记录您对${grid.name} \\d{4}-\\d{2} 的评价`));
    await survey.screenshot({ path: 'e2e/artifacts/portal-survey.png' });

    // Again from the list of grids, with the number written with spaces: the same phone, so replaced.
    await survey.goto(`${civgrid.url}/portal/survey`);
    await survey.getByTestId('portal-survey-list').click();
    await survey.locator('.adm-picker-view-column-item', { hasText: grid.name }).first().tap();
    await survey.waitForTimeout(400); // the wheel settles
    await survey.locator('.adm-picker-header-button', { hasText: '确定' }).click();
    await poll(() => survey.getByTestId('portal-survey-page').innerText()).toContain(`已选择：${grid.name}`);
    await answer(2, '139 1234 5678');
    await poll(() => done.innerText()).toMatch(new RegExp(`已更新您对${grid.name} \\d{4}-\\d{2} 的评价`));
  });
});
