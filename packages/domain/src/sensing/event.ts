// One sensing event as devices send it (interfaces.md, "Sensing events"), checked and normalised.
// Hand-written rather than a schema library: this runs 50,000 times a second on the ingest path.

import { checkIdNumber, normalizeIdNumber } from '../identity/id-number.ts';
import { normalizeMacAddress } from '../registry/fields.ts';
import { checkPlate, normalizePlate } from '../registry/plate.ts';
import type { Message } from '../registry/rules.ts';

export const SENSING_EVENT_TYPES = ['face', 'plate', 'door', 'wifi'] as const;
export type SensingEventType = (typeof SENSING_EVENT_TYPES)[number];
export type Direction = 'in' | 'out';

/** Who or what an event saw: the identity the device reported, normalised. */
export type SensedIdentity =
  | { kind: 'person'; idNumber: string }
  | { kind: 'vehicle'; plate: string }
  | { kind: 'device'; mac: string }
  | { kind: 'card'; cardNo: string };

export interface SensingEvent {
  eventId: string;
  deviceCode: string;
  type: SensingEventType;
  time: Date;
  /** The time as the device wrote it (ISO-8601 with offset), which PostgreSQL reads as it is. */
  timeText: string;
  direction: Direction | null;
  /** null for a passage without identity: an unmatched face, an unread plate. */
  identity: SensedIdentity | null;
  confidence: number | null;
  snapshotRef: string | null;
}

export type EventRejectionCode =
  | 'INVALID_EVENT'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_PLATE'
  | 'INVALID_MAC'
  | 'MISSING_IDENTITY'
  | 'EVENT_TOO_OLD'
  | 'EVENT_IN_FUTURE'
  | 'UNKNOWN_DEVICE';

export interface EventRejection {
  ok: false;
  code: EventRejectionCode;
  field?: string;
  message: Message;
}

export type EventCheck = { ok: true; event: SensingEvent } | EventRejection;

/** Device clocks drift; an event stamped up to this far ahead of the server's clock is still accepted. */
export const CLOCK_SKEW_MS = 5 * 60_000;
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:?\d\d)$/;
const MAX_CODE = 64;
const MAX_REF = 512;

const reject = (code: EventRejectionCode, message: Message, field?: string): EventRejection =>
  field === undefined ? { ok: false, code, message } : { ok: false, code, field, message };

const invalid = (field: string, zh: string, en: string) =>
  reject('INVALID_EVENT', { zh: `${field}：${zh}`, en: `${field}: ${en}` }, field);

const isCode = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_CODE;
const absent = (v: unknown) => v === undefined || v === null || v === '';

/** Checks one event as received: not older than `oldest` (the first instant the retention period still
 *  keeps), not from the future beyond the clock skew. */
export function checkSensingEvent(raw: unknown, now: Date, oldest: Date): EventCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return reject('INVALID_EVENT', { zh: '事件必须是 JSON 对象', en: 'an event must be a JSON object' });
  const e = raw as Record<string, unknown>;
  if (!isCode(e.eventId)) return invalid('eventId', '必填，1–64 个字符', 'required, 1–64 characters');
  if (!isCode(e.deviceCode)) return invalid('deviceCode', '必填，1–64 个字符', 'required, 1–64 characters');
  const type = e.type;
  if (typeof type !== 'string' || !(SENSING_EVENT_TYPES as readonly string[]).includes(type))
    return invalid('type', '应为 face、plate、door 或 wifi', 'must be face, plate, door or wifi');
  if (typeof e.time !== 'string' || !ISO_WITH_OFFSET.test(e.time))
    return invalid('time', '应为带时区的 ISO-8601 时间', 'must be an ISO-8601 time with an offset');
  const time = new Date(e.time);
  if (Number.isNaN(time.getTime())) return invalid('time', '不是有效的时间', 'is not a valid time');
  if (time < oldest)
    return reject('EVENT_TOO_OLD', { zh: '事件早于保存期限', en: 'older than the retention period' }, 'time');
  if (time.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return reject(
      'EVENT_IN_FUTURE',
      { zh: '事件时间晚于当前时间', en: 'the event time lies in the future' },
      'time',
    );
  const direction = e.direction;
  if (!absent(direction) && direction !== 'in' && direction !== 'out')
    return invalid('direction', '应为 in、out 或 null', 'must be in, out or null');
  const confidence = e.confidence;
  if (!absent(confidence) && (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)))
    return invalid('confidence', '应为 0 到 1 之间的数', 'must be a number from 0 to 1');
  const snapshotRef = e.snapshotRef;
  if (!absent(snapshotRef) && (typeof snapshotRef !== 'string' || snapshotRef.length > MAX_REF))
    return invalid(
      'snapshotRef',
      '应为不超过 512 个字符的引用',
      'must be a reference of at most 512 characters',
    );
  const identity = readIdentity(type as SensingEventType, e, now);
  if (identity !== null && 'ok' in identity) return identity;
  return {
    ok: true,
    event: {
      eventId: e.eventId,
      deviceCode: e.deviceCode,
      type: type as SensingEventType,
      time,
      timeText: e.time,
      direction: absent(direction) ? null : (direction as Direction),
      identity,
      confidence: absent(confidence) ? null : (confidence as number),
      snapshotRef: absent(snapshotRef) ? null : (snapshotRef as string),
    },
  };
}

/** The identity field of the event's type: face/door → idNumber (door also cardNo), plate → plate,
 *  wifi → mac (required: a probe's event is nothing without it). */
function readIdentity(
  type: SensingEventType,
  e: Record<string, unknown>,
  now: Date,
): SensedIdentity | EventRejection | null {
  if (type === 'wifi') {
    if (absent(e.mac))
      return reject('MISSING_IDENTITY', { zh: 'WiFi 事件必须有 mac', en: 'a wifi event needs a mac' }, 'mac');
    const mac = typeof e.mac === 'string' ? normalizeMacAddress(e.mac) : null;
    if (mac === null)
      return reject('INVALID_MAC', { zh: 'MAC 地址格式不正确', en: 'the MAC address is malformed' }, 'mac');
    return { kind: 'device', mac };
  }
  if (type === 'plate') {
    if (absent(e.plate)) return null;
    const plate = typeof e.plate === 'string' ? normalizePlate(e.plate) : '';
    if (checkPlate(plate) !== null)
      return reject(
        'INVALID_PLATE',
        { zh: '车牌号格式不正确', en: 'the plate number is malformed' },
        'plate',
      );
    return { kind: 'vehicle', plate };
  }
  if (!absent(e.idNumber)) {
    const idNumber = typeof e.idNumber === 'string' ? normalizeIdNumber(e.idNumber) : '';
    if (checkIdNumber(idNumber, now) !== null)
      return reject(
        'INVALID_ID_NUMBER',
        {
          zh: '身份证号码无效（地区、出生日期或校验位）',
          en: 'invalid ID number (region, birth date or check digit)',
        },
        'idNumber',
      );
    return { kind: 'person', idNumber };
  }
  if (type === 'door' && !absent(e.cardNo)) {
    if (!isCode(e.cardNo)) return invalid('cardNo', '应为 1–64 个字符', 'must be 1–64 characters');
    return { kind: 'card', cardNo: e.cardNo.trim() };
  }
  return null;
}
