// What a watchlist entry watches, as a request names it: an ID number, a plate, a MAC address, or the
// device code of a registered phone — in the insight queries' shape (`{type, idNumber|plate|mac}`, plus
// `{type:"device", deviceCode}`) or as one string whose form is recognised. Pure: no I/O.
import {
  checkIdNumber,
  checkPlate,
  type Message,
  maskIdNumber,
  normalizeIdNumber,
  normalizeMacAddress,
  normalizePlate,
} from '@civgrid/domain';

export type WatchSubjectForm = 'id-number' | 'plate' | 'mac' | 'device-code';
export type WatchSubjectKind = 'person' | 'vehicle' | 'device';

export type WatchSubjectInput =
  | string
  | { type: 'person'; idNumber: string }
  | { type: 'vehicle'; plate: string }
  | { type: 'device'; mac: string }
  | { type: 'device'; deviceCode: string };

/** A subject in normal form; `value` is what the keyed hash is taken of (never stored). */
export interface WatchSubject {
  form: WatchSubjectForm;
  kind: WatchSubjectKind;
  value: string;
}

export type SubjectReading =
  | { ok: true; subject: WatchSubject }
  | { ok: false; field: string; message: Message };

const KIND_OF: Record<WatchSubjectForm, WatchSubjectKind> = {
  'id-number': 'person',
  plate: 'vehicle',
  mac: 'device',
  'device-code': 'device',
};
const DEVICE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const refuse = (field: string, zh: string, en: string): SubjectReading => ({
  ok: false,
  field,
  message: { zh, en },
});
const accept = (form: WatchSubjectForm, value: string): SubjectReading => ({
  ok: true,
  subject: { form, kind: KIND_OF[form], value },
});

/** Reads the subject: an object by its fields, a string by its form (ID number, plate, MAC, else a
 *  device code), each normalised as the sensing pipeline normalises events, so the hashes agree. */
export function readWatchSubject(input: WatchSubjectInput, today: Date): SubjectReading {
  if (typeof input === 'string') {
    const text = input.trim();
    const id = normalizeIdNumber(text);
    if (/^\d{17}[\dX]$/.test(id))
      return checkIdNumber(id, today) === null
        ? accept('id-number', id)
        : refuse('subject', '身份证号码无效（地区、出生日期或校验位）', 'invalid ID number');
    const plate = normalizePlate(text);
    if (checkPlate(plate) === null) return accept('plate', plate);
    const mac = normalizeMacAddress(text);
    if (mac !== null) return accept('mac', mac);
    if (DEVICE_CODE.test(text)) return accept('device-code', text);
    return refuse(
      'subject',
      '布控对象应为身份证号、车牌号、MAC 地址或已登记手机的设备编码',
      'the subject must be an ID number, a plate, a MAC address or the device code of a registered phone',
    );
  }
  if (input.type === 'person') {
    const id = normalizeIdNumber(input.idNumber);
    return checkIdNumber(id, today) === null
      ? accept('id-number', id)
      : refuse('subject.idNumber', '身份证号码无效（地区、出生日期或校验位）', 'invalid ID number');
  }
  if (input.type === 'vehicle') {
    const plate = normalizePlate(input.plate);
    return checkPlate(plate) === null
      ? accept('plate', plate)
      : refuse('subject.plate', '车牌号格式不正确', 'the plate number is malformed');
  }
  if ('mac' in input) {
    const mac = normalizeMacAddress(input.mac);
    return mac === null
      ? refuse('subject.mac', 'MAC 地址格式不正确', 'the MAC address is malformed')
      : accept('mac', mac);
  }
  const code = input.deviceCode.trim();
  return DEVICE_CODE.test(code)
    ? accept('device-code', code)
    : refuse('subject.deviceCode', '设备编码格式不正确', 'the device code is malformed');
}

/** How an entry shows its subject, the only form besides the keyed hash that is kept: the ID number
 *  with its middle hidden, the plate with its serial hidden but the last two characters, a MAC address
 *  with only its first and last byte; a device code as it is (a register code, not a person's). */
export function maskWatchSubject(subject: WatchSubject): string {
  switch (subject.form) {
    case 'id-number':
      return maskIdNumber(subject.value);
    case 'plate': {
      const chars = Array.from(subject.value);
      return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
    }
    case 'mac': {
      const bytes = subject.value.split(':');
      return [bytes[0], '**', '**', '**', '**', bytes[5]].join(':');
    }
    case 'device-code':
      return subject.value;
  }
}
