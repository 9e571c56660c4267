// GA/T 1400 objects → events of the contract (interfaces.md, "Sensing events"). Only the mapping lives
// here; every rule about a valid event (time window, ID number, plate) is the pipeline's, so an object
// that maps badly is refused and dead-lettered there like any other event. Images sent inline (`Data`)
// are never kept: an event holds a reference to the snapshot, not the snapshot.
import { fromViidTime } from './time.ts';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const numberOf = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** The objects of a list body, e.g. `{"FaceListObject":{"FaceObject":[…]}}`; a lone object is taken as
 *  a list of one. Null when the body is not that list. */
export function listObjects(body: unknown, list: string, item: string): unknown[] | null {
  if (!isObject(body) || !isObject(body[list])) return null;
  const items = (body[list] as Obj)[item];
  if (Array.isArray(items)) return items;
  return isObject(items) ? [items] : null;
}

/** The ID a list answer names for an object (FaceID, MotorVehicleID), or '' when it has none. */
export function objectId(raw: unknown, key: 'FaceID' | 'MotorVehicleID'): string {
  return isObject(raw) ? (text(raw[key]) ?? '') : '';
}

function subImages(o: Obj): Obj[] {
  const list = o.SubImageList;
  const items = isObject(list) ? list.SubImageInfoObject : undefined;
  return Array.isArray(items) ? items.filter(isObject) : [];
}

/** A reference to the best snapshot: a URL the device gave (the contract keeps up to 512 characters),
 *  else the image's GA/T 1400 ID. */
function snapshotRef(o: Obj, preferredTypes: string[], urls: unknown[] = []): string | null {
  const url = (v: unknown) => {
    const t = text(v);
    return t !== null && t.length <= 512 ? t : null;
  };
  const images = subImages(o).sort(
    (a, b) => rank(preferredTypes, String(a.Type)) - rank(preferredTypes, String(b.Type)),
  );
  const found = [...urls, ...images.map((image) => image.StoragePath)].map(url).find((v) => v !== null);
  if (found) return found;
  const id = images.map((image) => url(image.ImageID)).find((v) => v !== null);
  return id ? `viid:image/${id}` : null;
}
const rank = (types: string[], type: string) => (types.includes(type) ? types.indexOf(type) : types.length);

/** The first of these fields that holds a GA/T 1400 time, as ISO-8601; otherwise the first one given as
 *  it came, so the pipeline refuses it and the dead letter shows what the device sent. */
function eventTime(o: Obj, fields: string[], timeZone: string): unknown {
  const images = subImages(o).map((image) => image.ShotTime);
  const candidates = [...fields.map((f) => o[f]), ...images];
  for (const value of candidates) {
    const iso = fromViidTime(value, timeZone);
    if (iso) return iso;
  }
  return candidates.find((v) => v !== undefined && v !== null && v !== '');
}

/** A FaceObject as a face event. `caller` is the registered device that sent it, the capturing device
 *  when the object names none. Only a resident ID card (IDType 111, or no type) is an identity. */
export function faceEvent(raw: unknown, caller: string, timeZone: string): unknown {
  if (!isObject(raw)) return raw;
  const idType = raw.IDType === undefined || raw.IDType === null ? null : String(raw.IDType).trim();
  const idNumber = text(raw.IDNumber);
  const similarity = numberOf(raw.Similaritydegree);
  return {
    eventId: raw.FaceID,
    deviceCode: text(raw.DeviceID) ?? caller,
    type: 'face',
    time: eventTime(raw, ['FaceAppearTime', 'LocationMarkTime', 'FaceDisAppearTime'], timeZone),
    direction: null,
    idNumber: idNumber && (idType === null || idType === '' || idType === '111') ? idNumber : null,
    confidence: similarity !== null && similarity >= 0 && similarity <= 1 ? similarity : null,
    snapshotRef: snapshotRef(raw, ['11', '10', '14']),
  };
}

/** A MotorVehicleObject as a plate event. No plate (HasPlate false, `无车牌`, unreadable characters
 *  written `-`) is a passage without identity, not a refusal. `InOut` (car parks) gives the direction. */
export function plateEvent(raw: unknown, caller: string, timeZone: string): unknown {
  if (!isObject(raw)) return raw;
  const plateNo = text(raw.PlateNo);
  const hasPlate = !(raw.HasPlate === false || raw.HasPlate === 0 || raw.HasPlate === '0');
  const readable = plateNo !== null && !plateNo.includes('-') && !plateNo.startsWith('无');
  const inOut = typeof raw.InOut === 'string' ? raw.InOut.toLowerCase() : null;
  const reliability = numberOf(raw.PlateReliability);
  return {
    eventId: raw.MotorVehicleID,
    deviceCode: text(raw.DeviceID) ?? caller,
    type: 'plate',
    time: eventTime(raw, ['PassTime', 'AppearTime', 'MarkTime', 'DisappearTime'], timeZone),
    direction: inOut === 'in' || inOut === 'out' ? inOut : null,
    plate: hasPlate && readable ? plateNo : null,
    confidence: reliability !== null && reliability >= 0 && reliability <= 100 ? reliability / 100 : null,
    snapshotRef: snapshotRef(raw, ['09', '02', '01', '08'], [raw.StorageUrl1, raw.StorageUrl2]),
  };
}
