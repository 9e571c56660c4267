// Open311 GeoReport v2 over the cases module. Services are the active case categories (the category code
// is the service_code, the top-level category its group); a request is a resident's case opened through
// `openResidentCase`, its service_request_id the tracking number (which also serves as the token).
// Failures are AppErrors whose status the spec fixes (400 bad input, 403 bad key, 404 unknown) and whose
// detail is the description shown to the partner's user.
import type { TResidentReport } from '@civgrid/contracts';
import { MAX_CASE_TEXT } from '@civgrid/domain';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { AppError, type Lang } from '../../platform/errors.ts';
import { categoryTree, type StoredCategory } from '../cases/categories.ts';
import { latestResidentProgress, openResidentCase } from '../cases/residents.ts';
import { cityRoot } from '../org/service.ts';
import { presentDefinition, presentRequest, presentService, withMediaUrl } from './presenter.ts';
import * as repo from './repository.ts';
import { parseW3cDate } from './time.ts';

type Message = { zh: string; en: string };

/** The spec's query limits: a window of at most 90 days, at most 1,000 requests. */
export const MAX_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
const DAY = 86_400_000;

const bad = (field: string, message: Message) => new AppError('VALIDATION_FAILED', field, message);

/** The city-wide actor the Open311 door reads as (requests may lie anywhere in the city). */
async function readerActor(ctx: Context): Promise<Actor> {
  const root = await cityRoot(ctx.db);
  if (!root)
    throw new AppError('NOT_FOUND', undefined, { zh: '平台尚无城市数据', en: 'No city is set up yet' });
  return systemActor(root, 'resident:open311');
}

const topOf = (tree: readonly StoredCategory[], category: StoredCategory) =>
  tree.find((c) => c.code === category.code.split('.')[0]) ?? category;

/** GET services: every active category, in the tree's order. */
export async function listServices(ctx: Context, lang: Lang) {
  const tree = await categoryTree(ctx.db);
  return tree.filter((c) => c.isActive).map((c) => presentService(c, topOf(tree, c), lang));
}

async function activeService(ctx: Context, code: string | undefined, field: string) {
  const category = code ? (await categoryTree(ctx.db)).find((c) => c.code === code && c.isActive) : undefined;
  if (!category)
    throw new AppError('NOT_FOUND', field, {
      zh: `服务代码 ${code} 不存在`,
      en: `service_code ${code} was not found`,
    });
  return category;
}

/** GET a service definition: no service has attributes beyond the standard fields. */
export async function serviceDefinition(ctx: Context, code: string) {
  await activeService(ctx, code, 'service_code');
  return presentDefinition(code);
}

/** The form of a POST: each field once, as text. */
export type RequestFields = Readonly<Record<string, string | undefined>>;

const text = (fields: RequestFields, name: string) => fields[name]?.trim() || undefined;

function readLocation(fields: RequestFields): TResidentReport['location'] {
  const lat = text(fields, 'lat');
  const long = text(fields, 'long');
  if (lat === undefined && long === undefined) return undefined;
  const point = { lat: Number(lat), lng: Number(long) };
  if (
    lat === undefined ||
    long === undefined ||
    !Number.isFinite(point.lat) ||
    !Number.isFinite(point.lng) ||
    Math.abs(point.lat) > 90 ||
    Math.abs(point.lng) > 180
  )
    throw bad('lat', {
      zh: 'lat 与 long 须同时提供，且为 WGS84 经纬度',
      en: 'lat and long must both be sent, as WGS84 degrees',
    });
  return point;
}

const CJK = /[\u3400-\u9fff]/;

/** Chinese names are written family name first and without a space; others given name first. */
function reporterName(fields: RequestFields): string | undefined {
  const first = text(fields, 'first_name');
  const last = text(fields, 'last_name');
  if (!first && !last) return undefined;
  const name = CJK.test(`${first ?? ''}${last ?? ''}`)
    ? `${last ?? ''}${first ?? ''}`
    : [first, last].filter(Boolean).join(' ');
  return [...name].slice(0, 50).join('');
}

/**
 * POST a request. The reporter's name and phone go into the case's sealed reporter columns and are never
 * published; `email`, `device_id`, `account_id` and `attribute[…]` are not kept (the case has no place
 * for them, and an e-mail address is personal data nothing here would use). A `media_url` is kept on the
 * description's last line, where staff can open it and from where requests show it again.
 */
export async function fileRequest(ctx: Context, actor: Actor, fields: RequestFields, lang: Lang) {
  if (actor.deviceId)
    throw new AppError('FORBIDDEN', 'api_key', {
      zh: '该 api_key 属于一台设备，只能上传其事件',
      en: "This api_key belongs to a device and may only send that device's events",
    });
  const code = text(fields, 'service_code');
  if (!code) throw bad('service_code', { zh: '缺少 service_code', en: 'service_code was not provided' });
  const category = await activeService(ctx, code, 'service_code');
  const location = readLocation(fields);
  const address = text(fields, 'address_string');
  if (!location && !address)
    throw bad('lat', {
      zh: '请提供位置：lat 与 long，或 address_string（不支持 address_id）',
      en: 'A location is required: lat and long, or address_string (address_id is not supported)',
    });
  if (address && [...address].length > 300)
    throw bad('address_string', {
      zh: 'address_string 最多 300 字',
      en: 'address_string: at most 300 characters',
    });
  const mediaUrl = text(fields, 'media_url');
  if (mediaUrl && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > 1000))
    throw bad('media_url', {
      zh: 'media_url 须为 http(s) 链接',
      en: 'media_url must be an http(s) URL of at most 1000 characters',
    });
  const description = withMediaUrl(text(fields, 'description') ?? category.name.zh, mediaUrl);
  if ([...description].length > MAX_CASE_TEXT)
    throw bad('description', {
      zh: `description 最多 ${MAX_CASE_TEXT} 字`,
      en: `description: at most ${MAX_CASE_TEXT} characters`,
    });
  const name = reporterName(fields);
  const phone = text(fields, 'phone');
  try {
    const receipt = await openResidentCase(ctx, {
      channel: 'open311',
      category: code,
      description,
      location,
      address,
      reporter: name || phone ? { name, phone } : undefined,
      apiKeyId: actor.id ?? undefined,
    });
    return [
      {
        service_request_id: receipt.trackingNo,
        service_notice:
          lang === 'zh'
            ? `已受理，请凭编号 ${receipt.trackingNo} 查询办理进度`
            : `Received; follow it by its number ${receipt.trackingNo}`,
        account_id: null,
      },
    ];
  } catch (error) {
    throw open311Refusal(error);
  }
}

/** The cases module's refusals in the words of an Open311 client, which names no jurisdiction or form. */
function open311Refusal(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'CASE_LOCATION_OUTSIDE')
    return bad('lat', { zh: '该位置不在本市任何网格内', en: 'lat/long lies in no grid of the city' });
  if (error.field === 'reporter.phone')
    return bad('phone', { zh: 'phone 须为大陆手机号', en: 'phone must be a mainland mobile number' });
  return error;
}

/** The query of GET requests, each parameter as sent (repeated or comma-separated). */
export interface RequestQuery {
  service_request_id: string[];
  service_code: string[];
  status: string[];
  start_date?: string | undefined;
  end_date?: string | undefined;
}

function readWindow(ctx: Context, query: RequestQuery): { from: Date; to: Date } {
  const tz = ctx.config.timezone;
  const date = (value: string | undefined, bound: 'start' | 'end') => {
    if (value === undefined || value.trim() === '') return undefined;
    const at = parseW3cDate(value, bound, tz);
    if (!at)
      throw bad(`${bound}_date`, {
        zh: `${bound}_date 须为 W3C 日期时间（如 2026-03-01T08:00:00+08:00）`,
        en: `${bound}_date must be a W3C date-time such as 2026-03-01T08:00:00+08:00`,
      });
    return at;
  };
  const start = date(query.start_date, 'start');
  const end = date(query.end_date, 'end');
  const span = MAX_WINDOW_DAYS * DAY;
  const to = end ?? (start ? new Date(start.getTime() + span) : ctx.now());
  const from = start ?? new Date(to.getTime() - span);
  if (from > to)
    throw bad('start_date', { zh: 'start_date 晚于 end_date', en: 'start_date is after end_date' });
  if (to.getTime() - from.getTime() > span)
    throw bad('end_date', {
      zh: `查询时间范围不能超过 ${MAX_WINDOW_DAYS} 天`,
      en: `start_date to end_date may not span more than ${MAX_WINDOW_DAYS} days`,
    });
  return { from, to };
}

function readStatus(values: readonly string[]): boolean | undefined {
  const wanted = new Set(values);
  for (const s of wanted)
    if (s !== 'open' && s !== 'closed')
      throw bad('status', { zh: 'status 只能是 open 或 closed', en: 'status must be open or closed' });
  return wanted.size === 1 ? wanted.has('open') : undefined;
}

/** GET requests: by id (which overrides every other filter), or by window, service and status. */
export async function findRequests(ctx: Context, query: RequestQuery, lang: Lang) {
  const actor = await readerActor(ctx);
  if (query.service_request_id.length > 0) {
    const ids = [...new Set(query.service_request_id)].slice(0, MAX_REQUESTS);
    const rows = await repo.requestsByTrackingNo(ctx.db, actor, ids);
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.tracking_no)! - order.get(b.tracking_no)!);
    return presentRows(ctx, rows, lang);
  }
  const { from, to } = readWindow(ctx, query);
  const isOpen = readStatus(query.status);
  const rows = await repo.requestsFiled(ctx.db, actor, {
    from,
    to,
    ...(query.service_code.length > 0 ? { codes: query.service_code } : {}),
    ...(isOpen === undefined ? {} : { isOpen }),
    limit: MAX_REQUESTS,
  });
  return presentRows(ctx, rows, lang);
}

const notFound = (id: string) =>
  new AppError('NOT_FOUND', 'service_request_id', {
    zh: `服务请求 ${id} 不存在`,
    en: `service_request_id ${id} was not found`,
  });

/** GET a request. */
export async function findRequest(ctx: Context, id: string, lang: Lang) {
  const rows = await repo.requestsByTrackingNo(ctx.db, await readerActor(ctx), [id]);
  if (rows.length === 0) throw notFound(id);
  return presentRows(ctx, rows, lang);
}

/** GET service_request_id from a token: requests are realtime, so the token is the id itself. */
export async function findToken(ctx: Context, token: string) {
  const rows = await repo.requestsByTrackingNo(ctx.db, await readerActor(ctx), [token]);
  if (rows.length === 0) throw notFound(token);
  return [{ service_request_id: rows[0]!.tracking_no, token }];
}

// Each request's status_notes is its latest milestone in the words residents get: the cases module
// alone decides what a resident may read of a timeline (`latestResidentProgress`, one query a page).
async function presentRows(ctx: Context, rows: readonly repo.PublicRequestRow[], lang: Lang) {
  const [tree, notes] = await Promise.all([
    categoryTree(ctx.db),
    latestResidentProgress(
      ctx,
      rows.map((r) => r.id),
    ),
  ]);
  const names = new Map(tree.map((c) => [c.code, c.name[lang]]));
  return rows.map((row) =>
    presentRequest(
      row,
      notes.get(row.id) ?? null,
      names.get(row.category_code) ?? row.category_code,
      lang,
      ctx.config.timezone,
    ),
  );
}
