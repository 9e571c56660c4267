// The registers' side of sensing: which dossier a sensed identity belongs to, and which identities (or
// which device) a dossier's sensing timeline follows. Matching is by keyed hash, so nothing is decrypted
// except a vehicle's plate, which the vehicle register keeps in clear.
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import type { SubjectKind } from '../../platform/db-types.ts';
import { scopedFrom } from '../../platform/scope.ts';

export type DossierKind = 'person' | 'vehicle' | 'device';

export interface SensedSubject {
  id: string;
  kind: SubjectKind;
  hash: Buffer;
  sealed: Buffer | null;
}

export interface DossierLink {
  kind: DossierKind;
  id: string;
}

/** Links to the dossiers of the subjects the registers know, inside the viewer's scope. */
export async function dossierLinks(
  ctx: Context,
  actor: Actor,
  subjects: readonly SensedSubject[],
): Promise<Map<string, DossierLink>> {
  const links = new Map<string, DossierLink>();
  const persons = subjects.filter((s) => s.kind === 'person');
  const phones = subjects.filter((s) => s.kind === 'device');
  const vehicles = subjects.filter((s) => s.kind === 'vehicle');
  if (persons.length > 0) {
    const rows = await scopedFrom(ctx.db, actor, 'person')
      .select(['id', 'id_number_hash'])
      .where(
        'id_number_hash',
        'in',
        persons.map((s) => s.hash),
      )
      .execute();
    const byHash = new Map(rows.map((r) => [r.id_number_hash.toString('hex'), r.id]));
    for (const s of persons) {
      const id = byHash.get(s.hash.toString('hex'));
      if (id) links.set(s.id, { kind: 'person', id });
    }
  }
  if (phones.length > 0) {
    const rows = await scopedFrom(ctx.db, actor, 'device')
      .select(['id', 'mac_hash'])
      .where(
        'mac_hash',
        'in',
        phones.map((s) => s.hash),
      )
      .execute();
    const byHash = new Map(rows.map((r) => [r.mac_hash!.toString('hex'), r.id]));
    for (const s of phones) {
      const id = byHash.get(s.hash.toString('hex'));
      if (id) links.set(s.id, { kind: 'device', id });
    }
  }
  if (vehicles.length > 0) {
    const plates = new Map(vehicles.map((s) => [ctx.crypto.decrypt(s.sealed!), s.id]));
    const rows = await scopedFrom(ctx.db, actor, 'vehicle')
      .select(['id', 'plate'])
      .where('plate', 'in', [...plates.keys()])
      .execute();
    for (const r of rows) links.set(plates.get(r.plate)!, { kind: 'vehicle', id: r.id });
  }
  return links;
}

export type TimelineKind = 'persons' | 'vehicles' | 'houses' | 'devices';

/** What a dossier's timeline follows: the keyed hashes of its identities (a person's ID, a vehicle's
 *  plate, a house's registered residents, a phone's MAC) or, for a sensing device, the device itself.
 *  `undefined` when the record is missing or outside the viewer's scope. */
export async function timelineTarget(
  ctx: Context,
  actor: Actor,
  kind: TimelineKind,
  id: string,
): Promise<{ hashes: Buffer[] } | { deviceId: string } | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  if (kind === 'persons') {
    const row = await scopedFrom(ctx.db, actor, 'person')
      .select('id_number_hash')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { hashes: [row.id_number_hash] };
  }
  if (kind === 'vehicles') {
    const row = await scopedFrom(ctx.db, actor, 'vehicle')
      .select('plate')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { hashes: [ctx.crypto.keyedHash(row.plate)] };
  }
  if (kind === 'houses') {
    const house = await scopedFrom(ctx.db, actor, 'house')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!house) return undefined;
    const residents = await ctx.db
      .selectFrom('person')
      .select('id_number_hash')
      .where('house_id', '=', id)
      .execute();
    return { hashes: residents.map((r) => r.id_number_hash) };
  }
  const device = await scopedFrom(ctx.db, actor, 'device')
    .select(['id', 'mac_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!device) return undefined;
  return device.mac_hash ? { hashes: [device.mac_hash] } : { deviceId: device.id };
}
