// Persons: upsert by identity number (its keyed hash); identity and phone are encrypted here, before
// anything reaches the database. Phone, house and relation absent from a line keep their stored values;
// the household type absent means 'registered', as on the paper register.
import { maskIdNumber, maskMobileNumber, type PersonRow } from '@civgrid/domain';
import { sql } from 'kysely';
import { nameInitials } from '../name-initials.ts';
import { gridsByCode, housesByCode } from './lookups.ts';
import type { ImportRun, Item, Writer } from './writer.ts';

interface PreparedPerson {
  orgPath: string;
  idEnc: Buffer;
  idHash: Buffer;
  idMask: string;
  idLast4: string;
  name: string;
  initials: string;
  gender: string;
  birthDate: string;
  phoneEnc: Buffer | null;
  phoneHash: Buffer | null;
  phoneMask: string | null;
  householdType: string | null;
  houseId: string | null;
  relation: string | null;
  tags: NonNullable<PersonRow['tags']>;
}

async function activeCategories(run: ImportRun): Promise<Set<string>> {
  const rows = await run.tx
    .selectFrom('attention_category')
    .select('code')
    .where('is_active', '=', true)
    .execute();
  return new Set(rows.map((r) => r.code));
}

export const personWriter: Writer<PersonRow, PreparedPerson> = {
  table: 'person',
  keyColumn: 'id_number_hash',
  key: (value, ctx) => ctx.crypto.keyedHash(value.idNumber),

  async prepare(run, items) {
    const [grids, houses, categories] = await Promise.all([
      gridsByCode(
        run.tx,
        run.actor,
        items.map((i) => i.value.gridCode),
      ),
      housesByCode(
        run.tx,
        run.actor,
        items.map((i) => i.value.houseCode),
      ),
      items.some((i) => i.value.tags?.length) ? activeCategories(run) : Promise.resolve(new Set<string>()),
    ]);
    const { crypto } = run.ctx;
    const ready: Item<PreparedPerson>[] = [];
    for (const { line, value: p, key } of items) {
      const grid = grids.get(p.gridCode);
      if (!grid) {
        run.reject(line, 'UNKNOWN_GRID');
        continue;
      }
      const house = p.houseCode ? houses.get(p.houseCode) : undefined;
      if (p.houseCode && !house) {
        run.reject(line, 'UNKNOWN_HOUSE');
        continue;
      }
      if (house && house.org_path !== grid.org_path) {
        run.reject(line, 'HOUSE_NOT_IN_GRID');
        continue;
      }
      const unknownCategory = p.tags?.find((t) => !categories.has(t.category));
      if (unknownCategory) {
        run.reject(line, 'UNKNOWN_CATEGORY', { category: unknownCategory.category });
        continue;
      }
      ready.push({
        line,
        value: {
          orgPath: grid.org_path,
          idEnc: crypto.encrypt(p.idNumber),
          idHash: key as Buffer,
          idMask: maskIdNumber(p.idNumber),
          idLast4: p.idNumber.slice(-4),
          name: p.name,
          initials: nameInitials(p.name),
          gender: p.gender,
          birthDate: p.birthDate,
          phoneEnc: p.phone ? crypto.encrypt(p.phone) : null,
          phoneHash: p.phone ? crypto.keyedHash(p.phone) : null,
          phoneMask: p.phone ? maskMobileNumber(p.phone) : null,
          householdType: p.householdType ?? null,
          houseId: house?.id ?? null,
          relation: p.relation ?? null,
          tags: p.tags ?? [],
        },
      });
    }
    return ready;
  },

  async write(tx, rows, run) {
    if (rows.length === 0) return;
    const now = run.ctx.now();
    // Ids come back only when tags need them: returning a million rows nobody reads is not free.
    const hasTags = rows.some((r) => r.tags.length > 0);
    // One JSON parameter instead of fifteen arrays: PostgreSQL parses it far faster than array literals
    // of binary values, and JSON.stringify is native.
    const payload = JSON.stringify(
      rows.map((r) => ({
        org_path: r.orgPath,
        id_enc: r.idEnc.toString('base64'),
        id_hash: r.idHash.toString('base64'),
        id_mask: r.idMask,
        id_last4: r.idLast4,
        name: r.name,
        initials: r.initials,
        gender: r.gender,
        birth_date: r.birthDate,
        phone_enc: r.phoneEnc?.toString('base64') ?? null,
        phone_hash: r.phoneHash?.toString('base64') ?? null,
        phone_mask: r.phoneMask,
        household_type: r.householdType,
        house_id: r.houseId,
        relation: r.relation,
      })),
    );
    const { rows: written } = await sql<{ id: string; id_number_hash: Buffer }>`
      insert into person (org_path, id_number_enc, id_number_hash, id_number_mask, id_last4, name, name_initials,
                          gender, birth_date, phone_enc, phone_hash, phone_mask, household_type, house_id, relation,
                          created_at, updated_at)
      select u.org_path::ltree, decode(u.id_enc, 'base64'), decode(u.id_hash, 'base64'), u.id_mask, u.id_last4, u.name,
             u.initials, u.gender, u.birth_date::date, decode(u.phone_enc, 'base64'), decode(u.phone_hash, 'base64'),
             u.phone_mask, coalesce(u.household_type, 'registered'), u.house_id, u.relation, ${now}, ${now}
      from json_to_recordset(${payload}::json) as u(org_path text, id_enc text, id_hash text, id_mask text,
           id_last4 text, name text, initials text, gender text, birth_date text, phone_enc text, phone_hash text,
           phone_mask text, household_type text, house_id bigint, relation text)
      on conflict (id_number_hash) do update set
        org_path = excluded.org_path, id_number_enc = excluded.id_number_enc, name = excluded.name,
        name_initials = excluded.name_initials, gender = excluded.gender, birth_date = excluded.birth_date,
        phone_enc = coalesce(excluded.phone_enc, person.phone_enc),
        phone_hash = coalesce(excluded.phone_hash, person.phone_hash),
        phone_mask = coalesce(excluded.phone_mask, person.phone_mask),
        household_type = excluded.household_type,
        house_id = coalesce(excluded.house_id, person.house_id),
        relation = coalesce(excluded.relation, person.relation),
        updated_at = excluded.updated_at
      ${hasTags ? sql`returning id, id_number_hash` : sql``}`.execute(tx);
    if (hasTags)
      await writeTags(run, rows, new Map(written.map((w) => [w.id_number_hash.toString('hex'), w.id])));
  },
};

/** Attention categories from the import: an open tag (no end) is updated in place, a dated one is kept
 *  per start date, so re-importing the same file changes nothing. */
async function writeTags(run: ImportRun, rows: PreparedPerson[], ids: Map<string, string>) {
  const now = run.ctx.now();
  const tags = rows.flatMap((r) =>
    r.tags.map((t) => ({
      personId: ids.get(r.idHash.toString('hex'))!,
      orgPath: r.orgPath,
      ...t,
      from: t.from ?? null,
    })),
  );
  for (const isOpen of [true, false]) {
    const batch = tags.filter((t) => (t.until === undefined) === isOpen);
    if (batch.length === 0) continue;
    const conflict = isOpen
      ? sql`(person_id, category) where valid_until is null do update set reason = excluded.reason, org_path = excluded.org_path`
      : sql`(person_id, category, valid_from) do update set reason = excluded.reason, valid_until = excluded.valid_until`;
    await sql`insert into person_tag (person_id, org_path, category, reason, valid_from, valid_until, set_by, set_at)
      select u.person_id, u.org_path::ltree, u.category, u.reason, coalesce(u.valid_from, ${now}), u.valid_until, ${run.actor.name}, ${now}
      from unnest(${batch.map((t) => t.personId)}::bigint[], ${batch.map((t) => t.orgPath)}::text[],
                  ${batch.map((t) => t.category)}::text[], ${batch.map((t) => t.reason)}::text[],
                  ${batch.map((t) => t.from)}::timestamptz[], ${batch.map((t) => t.until ?? null)}::timestamptz[])
        as u(person_id, org_path, category, reason, valid_from, valid_until)
      on conflict ${conflict}`.execute(run.tx);
  }
}
