// Persons: upsert by identity number (its keyed hash); identity and phone are encrypted here, before
// anything reaches the database. Phone, house and relation absent from a line keep their stored values;
// the household type absent means 'registered', as on the paper register.
//
// A million people arrive in a few minutes, so the work per person is kept small: keys, hashes and
// ciphertexts are computed for the whole request at once, each person becomes its binary COPY row as
// soon as it is accepted, and new people are COPYed straight into `person`.
import { maskIdNumber, maskMobileNumber, type PersonRow } from '@civgrid/domain';
import { sql } from 'kysely';
import type pg from 'pg';
import { nameInitials } from '../name-initials.ts';
import { BinaryRows, copyBinary } from './copy-binary.ts';
import { gridsByCode, housesByCode } from './lookups.ts';
import { type ImportRun, type KeyedItem, keyText, type Writer } from './writer.ts';

interface PreparedPerson {
  idHash: Buffer;
  orgPath: string;
  tags: NonNullable<PersonRow['tags']>;
  /** The person's row of a binary COPY into PERSON_COLUMNS. */
  row: Buffer;
}

const PERSON_COLUMNS = [
  'org_path',
  'id_number_enc',
  'id_number_hash',
  'id_number_mask',
  'id_last4',
  'name',
  'name_initials',
  'gender',
  'birth_date',
  'phone_enc',
  'phone_hash',
  'phone_mask',
  'household_type',
  'house_id',
  'relation',
  'created_at',
  'updated_at',
] as const;

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
  keys: (values, ctx) => ctx.crypto.keyedHashMany(values.map((v) => v.idNumber)),

  async prepare(run, items) {
    // The look-ups share the transaction's one connection, so they run in turn.
    const grids = await gridsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.gridCode),
    );
    const houses = await housesByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.houseCode),
    );
    const categories = items.some((i) => i.value.tags?.length)
      ? await activeCategories(run)
      : new Set<string>();
    const accepted: KeyedItem<PersonRow>[] = [];
    const places: { orgPath: string; houseId: string | null }[] = [];
    for (const item of items) {
      const { line, value: p } = item;
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
      accepted.push(item);
      places.push({ orgPath: grid.org_path, houseId: house?.id ?? null });
    }

    const { crypto } = run.ctx;
    const phones = accepted.flatMap((a) => (a.value.phone ? [a.value.phone] : []));
    const idsSealed = crypto.encryptMany(accepted.map((a) => a.value.idNumber));
    const phonesSealed = crypto.encryptMany(phones);
    const phoneHashes = crypto.keyedHashMany(phones);
    let phone = 0;
    const now = run.ctx.now();
    const out = new BinaryRows(accepted.length * 400);
    const ends: number[] = [];
    for (let i = 0; i < accepted.length; i++) {
      const p = accepted[i]!.value;
      const hasPhone = p.phone !== undefined;
      out
        .row(PERSON_COLUMNS.length)
        .ltree(places[i]!.orgPath)
        .bytes(idsSealed[i]!)
        .bytes(accepted[i]!.key as Buffer)
        .text(maskIdNumber(p.idNumber))
        .text(p.idNumber.slice(-4))
        .text(p.name)
        .text(nameInitials(p.name))
        .text(p.gender)
        .date(p.birthDate)
        .bytes(hasPhone ? phonesSealed[phone]! : null)
        .bytes(hasPhone ? phoneHashes[phone]! : null)
        .text(hasPhone ? maskMobileNumber(p.phone!) : null)
        .text(p.householdType ?? 'registered')
        .bigint(places[i]!.houseId)
        .text(p.relation ?? null)
        .timestamptz(now)
        .timestamptz(now);
      if (hasPhone) phone++;
      ends.push(out.length);
    }
    // Views taken once the buffer has stopped growing.
    const rows = out.rows();
    return accepted.map(({ line, key, value }, i) => ({
      line,
      value: {
        idHash: key as Buffer,
        orgPath: places[i]!.orgPath,
        tags: value.tags ?? [],
        row: rows.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!),
      },
    }));
  },

  async insertNew(rows, run) {
    if (rows.length === 0 || !(await copyNewPersons(run.client, rows))) return false;
    if (rows.some((r) => r.tags.length > 0)) await writeTags(run, rows);
    return true;
  },

  async write(_tx, rows, run, existing) {
    if (rows.length === 0) return;
    const known = existing.size === 0 ? [] : rows.filter((r) => existing.has(keyText(r.idHash)));
    const fresh = known.length === 0 ? rows : rows.filter((r) => !existing.has(keyText(r.idHash)));
    // New people go straight in with COPY: no executor in between, no conflict arbitration. Someone else
    // may have registered one of them since `existing` was read; then the whole lot is upserted.
    if (fresh.length > 0 && !(await copyNewPersons(run.client, fresh))) known.push(...fresh);
    if (known.length > 0) await upsertPersons(run.client, known);
    if (rows.some((r) => r.tags.length > 0)) await writeTags(run, rows);
  },
};

/** The people's rows as one binary COPY stream. */
function copyStream(rows: PreparedPerson[]): Buffer {
  return BinaryRows.stream(rows.map((r) => r.row));
}

/** COPYs people not yet registered into `person`; false (and nothing written) when one of them was
 *  registered meanwhile, so the caller upserts instead. */
async function copyNewPersons(client: pg.PoolClient, rows: PreparedPerson[]): Promise<boolean> {
  await client.query('savepoint person_copy');
  try {
    await copyBinary(client, 'person', PERSON_COLUMNS, copyStream(rows));
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('rollback to savepoint person_copy');
    return false;
  }
  await client.query('release savepoint person_copy');
  return true;
}

const UNIQUE_VIOLATION = '23505';

/** Upsert by identity number through a staging table: phone, house and relation absent from the line keep
 *  their stored values. */
async function upsertPersons(client: pg.PoolClient, rows: PreparedPerson[]) {
  // Made per transaction (an import writes once): nothing outlives a rolled-back import on the connection.
  await client.query(`create temp table person_import on commit drop as
    select ${PERSON_COLUMNS.join(', ')} from person with no data`);
  await copyBinary(client, 'person_import', PERSON_COLUMNS, copyStream(rows));
  await client.query(`insert into person (${PERSON_COLUMNS.join(', ')})
    select ${PERSON_COLUMNS.join(', ')} from person_import
    on conflict (id_number_hash) do update set
      org_path = excluded.org_path, id_number_enc = excluded.id_number_enc, name = excluded.name,
      name_initials = excluded.name_initials, gender = excluded.gender, birth_date = excluded.birth_date,
      phone_enc = coalesce(excluded.phone_enc, person.phone_enc),
      phone_hash = coalesce(excluded.phone_hash, person.phone_hash),
      phone_mask = coalesce(excluded.phone_mask, person.phone_mask),
      household_type = excluded.household_type,
      house_id = coalesce(excluded.house_id, person.house_id),
      relation = coalesce(excluded.relation, person.relation),
      updated_at = excluded.updated_at`);
}

/** Attention categories from the import: an open tag (no end) is updated in place, a dated one is kept
 *  per start date, so re-importing the same file changes nothing. */
async function writeTags(run: ImportRun, rows: PreparedPerson[]) {
  const now = run.ctx.now();
  const tagged = rows.filter((r) => r.tags.length > 0);
  const { rows: written } = await sql<{ id: string; id_number_hash: Buffer }>`select id, id_number_hash
    from person where id_number_hash = any(${tagged.map((r) => r.idHash)})`.execute(run.tx);
  const ids = new Map(written.map((w) => [w.id_number_hash.toString('hex'), w.id]));
  const tags = tagged.flatMap((r) =>
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
