// The identifiers the sensing simulator needs beyond the registers: residents' door cards and phones'
// MAC addresses (both one to one with a resident's place in the city's enumeration, so the seed and the
// simulator agree without sharing state), and the identities of people and vehicles the registers do
// not hold: visitors, courier vans, strangers' phones. Plus the city's local time (UTC+8, no DST).

import { makeIdNumber } from '@civgrid/domain';
import { hashKeys } from '../random.ts';
import { ageOn } from '../tags.ts';
import type { PersonSeed } from '../types.ts';

/** China Standard Time: UTC+8 all year, so a local day is a fixed 24 hours. */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The local day number (days since 1970-01-01 in UTC+8) that the instant `ms` falls on. */
export const localDayOf = (ms: number) => Math.floor((ms + LOCAL_OFFSET_MS) / DAY_MS);
/** The first instant of local day `day`. */
export const localDayStart = (day: number) => day * DAY_MS - LOCAL_OFFSET_MS;
/** 0 Sunday … 6 Saturday (local day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number) => (day + 4) % 7;
export const isWeekend = (day: number) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

const dates = new Map<number, string>();
/** `2026-03-01` for local day `day`, remembered: formatting dates is most of the cost of an event. */
function dateOf(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dates.size > 1000) dates.clear();
    dates.set(day, date);
  }
  return date;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `2026-03-01T08:00:00+08:00`: whole seconds in the city's offset, as devices stamp events. */
export function localTime(ms: number): string {
  const local = ms + LOCAL_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const second = Math.floor((local - day * DAY_MS) / 1000);
  const hh = Math.floor(second / 3600);
  const mm = Math.floor((second % 3600) / 60);
  return `${dateOf(day)}T${two(hh)}:${two(mm)}:${two(second % 60)}+08:00`;
}

/** `20260301`, for snapshot references. */
export const localDate = (ms: number) => dateOf(localDayOf(ms)).replaceAll('-', '');

/** A four-round Feistel network on [0, half²): distinct inputs give distinct outputs that look unrelated. */
function scramble(value: number, half: number, keys: readonly number[]): number {
  let left = Math.floor(value / half);
  let right = value % half;
  for (let round = 0; round < 4; round++)
    [left, right] = [right, (left + hashKeys(...keys, round, right)) % half];
  return left * half + right;
}

/** Residents old enough to carry a door card; younger children go in with someone who has one. */
export const CARD_FROM_AGE = 10;

/** Whether the seed issues this resident a door card when their building has a reader. */
export const carriesAccessCard = (person: PersonSeed) => ageOn(person.birthDate) >= CARD_FROM_AGE;

/** The ten-digit door card of the resident at `ordinal` (0-based, in the city's enumeration order). */
export function accessCardNumber(seed: number, ordinal: number): string {
  return String(scramble(ordinal, 100_000, [seed, 0xca4d])).padStart(10, '0');
}

// Vendor prefixes (OUIs) for residents' phones: universally administered, unicast.
const PHONE_OUIS = [0x3ccd57, 0xa45046, 0xf07959, 0x8c8590, 0x64a200, 0xdc729b, 0xb40b44, 0x286c07, 0x483fda];

const hex = (n: number, bytes: number) =>
  n
    .toString(16)
    .padStart(bytes * 2, '0')
    .match(/../g)!
    .join(':');

/** The fixed MAC address of the phone of the resident at `ordinal`; no two residents share one. */
export function residentPhoneMac(seed: number, ordinal: number): string {
  const oui = PHONE_OUIS[ordinal % PHONE_OUIS.length]!;
  const serial = scramble(Math.floor(ordinal / PHONE_OUIS.length), 4096, [seed, 0x3ac]);
  return `${hex(oui, 3)}:${hex(serial, 3)}`;
}

/** A locally administered (randomised) MAC address, as phones that hide their own one show the probes. */
export function randomisedMac(...keys: number[]): string {
  const high = (hashKeys(...keys, 1) & 0xfcffff) | 0x020000; // locally administered, unicast
  return `${hex(high, 3)}:${hex(hashKeys(...keys, 2) & 0xffffff, 3)}`;
}

// Where visitors' identity numbers come from: regions no resident of the synthetic city is from (see
// regions.ts), so a visitor never turns out to be a registered resident.
const VISITOR_REGIONS = [
  '110102', // 北京市西城区
  '110108', // 北京市海淀区
  '110114', // 北京市昌平区
  '120103', // 天津市河西区
  '120116', // 天津市滨海新区
  '130105', // 石家庄市新华区
  '130204', // 唐山市古冶区
  '130603', // 保定市莲池区
  '130922', // 沧州市青县
  '131121', // 衡水市枣强县
];

/** A valid identity number of someone the registers do not hold, drawn from `keys`. */
export function visitorIdNumber(...keys: number[]): string {
  const h = hashKeys(...keys);
  const region = VISITOR_REGIONS[h % VISITOR_REGIONS.length]!;
  const birth = new Date(Date.UTC(1950, 0, 1) + (hashKeys(...keys, 1) % 20_000) * DAY_MS);
  const seq = (hashKeys(...keys, 2) % 999) + 1;
  return makeIdNumber(
    region,
    { year: birth.getUTCFullYear(), month: birth.getUTCMonth() + 1, day: birth.getUTCDate() },
    seq,
  );
}

// Courier vans are registered in Tianjin and by logistics firms, visitors' cars elsewhere in Hebei and in
// Shandong and Henan: issuers residents' cars never carry (vehicles.ts), so neither is ever mistaken for
// a resident's car, nor a visitor's car for a van.
const VAN_ISSUERS = ['津A', '津B', '津C', '津D', '津E', '冀T'];
const VISITOR_ISSUERS = ['冀D', '冀E', '冀G', '冀H', '鲁N', '豫A'];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function plateOf(issuers: readonly string[], keys: number[]): string {
  const h = hashKeys(...keys);
  const letter = LETTERS[hashKeys(h, 1) % LETTERS.length]!;
  return `${issuers[h % issuers.length]!}${letter}${String(hashKeys(h, 2) % 10_000).padStart(4, '0')}`;
}

/** The plate of courier van `van` of community `community`. */
export const vanPlate = (seed: number, community: number, van: number) =>
  plateOf(VAN_ISSUERS, [seed, 0x7a4, community, van]);

/** The plate of a visitor's car, drawn from `keys`. */
export const visitorPlate = (...keys: number[]) => plateOf(VISITOR_ISSUERS, keys);
