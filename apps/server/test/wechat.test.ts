// The WeChat Official Account callback through HTTP, signed as WeChat signs: the server check (GET echo),
// refused signatures, a text opening a case, resends of one MsgId opening nothing more, a tracking number
// answering its status, a shared location placing the next text in its grid, and rating by the openid that
// filed the case (and by no other).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { TRACKING_NO } from '../src/modules/cases/residents.ts';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../src/modules/wechat/gcj02.ts';
import { ConfigError, loadConfig } from '../src/platform/config.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const ACCOUNT = 'gh_civgrid_demo';
const RESIDENT = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';
const NEIGHBOUR = 'o6_bmasdasdsad6_2sgVt7hMZOPfL';
let msgId = 6_100_000_000_000_000;
let filed: string;

const MINUTE = 60_000;

function signedQuery(extra: Record<string, string> = {}, token = 'civgrid-demo') {
  const timestamp = String(Math.floor(h.clock.now.getTime() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return new URLSearchParams({ signature, timestamp, nonce, ...extra }).toString();
}

function messageXml(from: string, type: string, fields: Record<string, string | number>) {
  const cdata = (v: string | number) => (typeof v === 'number' ? String(v) : `<![CDATA[${v}]]>`);
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}>${cdata(v)}</${k}>`)
    .join('\n');
  return (
    `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
    `<CreateTime>${Math.floor(h.clock.now.getTime() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>\n${body}</xml>`
  );
}

/** A passive reply parsed strictly (saxes), its fields by name. */
function parseReply(xml: string): Record<string, string> {
  const parser = new SaxesParser();
  const fields: Record<string, string> = {};
  let current = '';
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    current = tag.name;
    fields[current] = '';
  });
  parser.on('text', (text) => {
    fields[current] += text;
  });
  parser.on('cdata', (text) => {
    fields[current] += text;
  });
  parser.write(xml).close();
  return fields;
}

async function postRaw(body: string, query = signedQuery()) {
  return h.app.inject({
    method: 'POST',
    url: `/wechat/callback?${query}&openid=ignored`,
    headers: { 'content-type': 'text/xml' },
    payload: body,
  });
}

/** Sends a message as WeChat would and answers the reply's Content ('' for `success`). */
async function send(from: string, type: string, fields: Record<string, string | number>) {
  const response = await postRaw(messageXml(from, type, fields));
  expect(response.statusCode).toBe(200);
  if (response.body === 'success') return '';
  const reply = parseReply(response.body);
  expect(reply).toMatchObject({ xml: '', ToUserName: from, FromUserName: ACCOUNT, MsgType: 'text' });
  expect(Number(reply.CreateTime)).toBe(Math.floor(h.clock.now.getTime() / 1000));
  return reply.Content!;
}

const text = (from: string, content: string, id = ++msgId) =>
  send(from, 'text', { Content: content, MsgId: id });

async function wechatCases() {
  return h.ctx.db
    .selectFrom('case_file')
    .select(['id', 'tracking_no', 'version', 'grid_id', 'category_code', 'description', 'address', 'status'])
    .where('source', '=', 'wechat')
    .orderBy('id')
    .execute();
}

const trackingNoIn = (reply: string) => /GD\d{6}[0-9A-Z]{8}/.exec(reply)?.[0];

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('WeChat callback: signatures', () => {
  it('echoes echostr to a good signature and refuses a bad or stale one', async () => {
    const good = await h.app.inject({
      method: 'GET',
      url: `/wechat/callback?${signedQuery({ echostr: 'e42' })}`,
    });
    expect([good.statusCode, good.body]).toEqual([200, 'e42']);
    const forged = await h.app.inject({
      method: 'GET',
      url: `/wechat/callback?${signedQuery({ echostr: 'e42' }, 'not-the-token')}`,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).not.toContain('e42');
    const bare = await h.app.inject({ method: 'GET', url: '/wechat/callback?echostr=e42' });
    expect(bare.statusCode).toBe(403);
    const query = signedQuery({ echostr: 'e42' });
    h.clock.advance(10 * MINUTE);
    expect((await h.app.inject({ method: 'GET', url: `/wechat/callback?${query}` })).statusCode).toBe(403);
  });

  it('refuses a POST with a bad signature and opens nothing', async () => {
    const body = messageXml(RESIDENT, 'text', { Content: '楼道灯坏了', MsgId: ++msgId });
    const forged = await postRaw(body, signedQuery({}, 'not-the-token'));
    expect(forged.statusCode).toBe(403);
    expect(await wechatCases()).toEqual([]);
    expect((await postRaw('<xml><nothing/></xml>')).statusCode).toBe(400);
  });

  it('is off without a token, and production refuses the public demo token', async () => {
    const off = await buildApp(
      { ...h.ctx, config: { ...h.ctx.config, wechat: { token: '' } } },
      { serveWeb: false },
    );
    expect(
      (await off.inject({ method: 'GET', url: `/wechat/callback?${signedQuery({ echostr: 'x' })}` }))
        .statusCode,
    ).toBe(404);
    await off.close();
    const production = { CIVGRID_MODE: 'production', CIVGRID_SECRET: 's'.repeat(40) };
    expect(loadConfig(production).wechat.token).toBe('');
    expect(loadConfig({ ...production, CIVGRID_WECHAT_TOKEN: 'a-real-one' }).wechat.token).toBe('a-real-one');
    expect(() => loadConfig({ ...production, CIVGRID_WECHAT_TOKEN: 'civgrid-demo' })).toThrow(ConfigError);
    expect(loadConfig({ CIVGRID_DATA: '/tmp/civgrid-config-test' }).wechat.token).toBe('civgrid-demo');
  });
});

describe('WeChat callback: residents', () => {
  it('opens a case from a text and answers its tracking number; resends of the MsgId open nothing more', async () => {
    const id = ++msgId;
    const reply = await text(RESIDENT, '小区东门路灯不亮，晚上很黑。<请尽快>', id);
    filed = trackingNoIn(reply)!;
    expect(filed).toMatch(TRACKING_NO);
    expect(reply).toContain('已受理');
    expect(reply).toContain('如需定位');
    const cases = await wechatCases();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      tracking_no: filed,
      category_code: 'other',
      grid_id: null,
      description: '小区东门路灯不亮，晚上很黑。<请尽快>',
      status: 'reported',
    });

    // WeChat resends after five seconds without an answer, three times: the same reply, no new case.
    expect(await text(RESIDENT, '小区东门路灯不亮，晚上很黑。<请尽快>', id)).toBe(reply);
    const again = ++msgId;
    const resends = await Promise.all([1, 2, 3].map(() => text(RESIDENT, '单元门禁坏了', again)));
    expect(new Set(resends).size).toBe(1);
    expect(await wechatCases()).toHaveLength(2);
  });

  it('answers the status to anyone with the number, the rating hint only to the one who filed it', async () => {
    const neighbour = await text(NEIGHBOUR, `请问 ${filed.toLowerCase()} 处理得怎么样了？`);
    expect(neighbour).toContain(`工单 ${filed}`);
    expect(neighbour).toContain('状态：待受理');
    expect(neighbour).toContain('最新进展：');
    expect(await wechatCases()).toHaveLength(2);
    expect(await text(NEIGHBOUR, 'GD260301ZZZZZZZZ')).toContain('未找到工单 GD260301ZZZZZZZZ');

    // The city centre (holding the unlocated case) registers it and closes it unfixed: it can be rated.
    const row = (await wechatCases()).find((c) => c.tracking_no === filed)!;
    const city = await h.login('city');
    let version = row.version;
    for (const body of [
      { step: 'register' },
      { step: 'close-unfixed', reason: '路灯属供电公司产权，已转告其处理' },
    ]) {
      const stepped = await h.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${row.id}/steps`,
        headers: { cookie: city },
        payload: { version, ...body },
      });
      expect(stepped.statusCode).toBe(200);
      version = stepped.json().case.version;
    }
    const forFiler = await text(RESIDENT, filed);
    expect(forFiler).toContain('已结案（未解决）');
    expect(forFiler).toContain('路灯属供电公司产权');
    expect(forFiler).toContain(`回复“评价 ${filed} 分数(1-5) 意见”`);
    const forNeighbour = await text(NEIGHBOUR, filed);
    expect(forNeighbour).toContain('已结案（未解决）');
    expect(forNeighbour).not.toContain('评价');
  });

  it('takes a rating from the openid that filed the case, and from no other', async () => {
    expect(await text(NEIGHBOUR, `评价 ${filed} 1 没解决`)).toContain(
      '只有通过本公众号提交该工单的用户可以评价',
    );
    expect(await text(RESIDENT, '评价 一下')).toContain('评价格式');
    const stored = () =>
      h.ctx.db
        .selectFrom('case_file')
        .select(['rating', 'rating_comment', 'status'])
        .where('tracking_no', '=', filed)
        .executeTakeFirstOrThrow();
    expect((await stored()).rating).toBeNull();
    expect(await text(RESIDENT, `评价 ${filed.toLowerCase()} 4 分 答复很清楚`)).toBe(
      `感谢您对工单 ${filed} 的评价！`,
    );
    expect(await stored()).toEqual({ rating: 4, rating_comment: '答复很清楚', status: 'closed-unfixed' });
    expect(await text(RESIDENT, `评价 ${filed} 5`)).toContain('暂不能评价：案件已经评价过');
    expect(await text(RESIDENT, filed)).toContain('您的评价：4 分');
  });

  it('places a text in the grid of the location sent in the last 30 minutes', async () => {
    const grid = await h.ctx.db
      .selectFrom('org_unit')
      .select(['id', 'code', 'centre_lng', 'centre_lat'])
      .where('level', '=', 'grid')
      .where('centre_lng', 'is not', null)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    // WeChat reports GCJ-02, shifted a few hundred metres from the WGS84 of the grid map.
    const shown = wgs84ToGcj02({ lng: grid.centre_lng!, lat: grid.centre_lat! });
    const noted = await send(RESIDENT, 'location', {
      Location_X: shown.lat,
      Location_Y: shown.lng,
      Scale: 15,
      Label: '幸福小区3号楼',
      MsgId: ++msgId,
    });
    expect(noted).toContain('已收到您的位置：幸福小区3号楼');
    h.clock.advance(20 * MINUTE);
    const reply = await text(RESIDENT, '楼下井盖缺失，有人差点掉下去');
    expect(reply).toContain('已按您发送的位置（幸福小区3号楼）派到所在网格');
    const placed = (await wechatCases()).find((c) => c.tracking_no === trackingNoIn(reply))!;
    expect(placed).toMatchObject({ grid_id: grid.id, address: '幸福小区3号楼' });

    // A location outside every grid: the city centre takes the case unlocated.
    await send(RESIDENT, 'location', {
      Location_X: 10,
      Location_Y: 10,
      Scale: 15,
      Label: '远方',
      MsgId: ++msgId,
    });
    const outside = await text(RESIDENT, '外地的问题');
    expect(outside).toContain('不在本市网格范围内');
    expect((await wechatCases()).find((c) => c.tracking_no === trackingNoIn(outside))!.grid_id).toBeNull();

    // Past 30 minutes the location is forgotten (and deleted).
    h.clock.advance(31 * MINUTE);
    const late = await text(RESIDENT, '路面坑洼');
    expect(late).toContain('如需定位');
    expect((await wechatCases()).find((c) => c.tracking_no === trackingNoIn(late))!.grid_id).toBeNull();
    const { rows } = await sql<{ kind: string }>`select kind from wechat_message`.execute(h.ctx.db);
    expect(rows.map((r) => r.kind)).toEqual(['text']);
  });

  it('welcomes a subscriber, answers other kinds politely and ignores other events', async () => {
    expect(await send(RESIDENT, 'event', { Event: 'subscribe' })).toContain('感谢关注');
    expect(await send(RESIDENT, 'event', { Event: 'unsubscribe' })).toBe('');
    expect(
      await send(RESIDENT, 'image', { PicUrl: 'http://mmbiz/x.jpg', MediaId: 'm', MsgId: ++msgId }),
    ).toContain('暂时只能处理文字和位置消息');
    expect(await text(RESIDENT, '帮助')).toContain('直接发送文字即可反映问题');
  });
});

describe('GCJ-02', () => {
  it('shifts points in China by hundreds of metres and converts back to within a centimetre', () => {
    const p = { lng: 116.7, lat: 39.52 };
    const g = wgs84ToGcj02(p);
    const metres = Math.hypot(
      (g.lng - p.lng) * 111_320 * Math.cos((p.lat * Math.PI) / 180),
      (g.lat - p.lat) * 110_540,
    );
    expect(metres).toBeGreaterThan(100);
    expect(metres).toBeLessThan(1000);
    const back = gcj02ToWgs84(g);
    expect(Math.abs(back.lng - p.lng)).toBeLessThan(1e-7);
    expect(Math.abs(back.lat - p.lat)).toBeLessThan(1e-7);
    expect(wgs84ToGcj02({ lng: 2.35, lat: 48.85 })).toEqual({ lng: 2.35, lat: 48.85 });
  });
});
