// Persons: lists and dossiers (always masked), the audited reveal, edits, attention tags and residents'
// rights. Every read of a person is audited; every change commits with its audit row.
import type { TPersonDossier, TPersonUpdate, TRegisterQuery } from '@civgrid/contracts';
import { isMobileNumber, maskMobileNumber, normalizeMobileNumber } from '@civgrid/domain';
import { type Actor, actorCan } from '../../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findInScope } from '../../../platform/scope.ts';
import { diff, recordHistory } from '../history.ts';
import { nameInitials } from '../name-initials.ts';
import { paging, underPath } from '../shared.ts';
import { presentPerson } from './presenter.ts';
import * as repo from './repository.ts';
import { interpretPersonSearch } from './search.ts';

export async function listPersons(ctx: Context, actor: Actor, query: TRegisterQuery) {
  const filter = {
    search: interpretPersonSearch(query.q, ctx.crypto),
    underPath: await underPath(ctx, actor, query.under),
    category: query.category,
  };
  return ctx.db.transaction().execute(async (tx) => {
    const [rows, { total }] = await repo.listPersons(tx, actor, filter, paging(query));
    await appendAudit(
      tx,
      actor,
      {
        action: 'person.list',
        details: {
          // How they searched, never what: the search text may be an identity or phone number.
          search: filter.search?.by ?? null,
          under: query.under,
          category: query.category,
          page: query.page,
          returned: rows.length,
        },
      },
      ctx.now(),
    );
    return { items: rows.map(presentPerson), total, page: query.page, pageSize: query.pageSize };
  });
}

export async function personOr404(ctx: Context, actor: Actor, db: Queryable, id: string) {
  const person = await findInScope(
    ctx.db,
    actor,
    { table: 'person', column: 'id', value: id },
    () => repo.findPerson(db, actor, id),
    ctx.now(),
  );
  if (!person) throw new AppError('NOT_FOUND');
  return person;
}

/** The dossier as committed: writers call it after their transaction, so the history holds their row. */
export async function personDossier(ctx: Context, actor: Actor, id: string): Promise<TPersonDossier> {
  const person = await personOr404(ctx, actor, ctx.db, id);
  const [links, tags, history] = await Promise.all([
    repo.personLinks(ctx.db, actor, person),
    repo.personTags(ctx.db, id),
    recordHistory(ctx.db, 'person', id),
  ]);
  const now = ctx.now();
  return {
    person: {
      ...presentPerson(person),
      relation: person.relation,
      createdAt: person.created_at.toISOString(),
      updatedAt: person.updated_at.toISOString(),
    },
    tags: tags.map((t) => ({
      id: t.id,
      category: t.category,
      categoryName: t.name_zh,
      reason: t.reason,
      from: t.valid_from.toISOString(),
      until: t.valid_until?.toISOString() ?? null,
      setBy: t.set_by,
      isActive: t.valid_from <= now && (!t.valid_until || t.valid_until > now),
    })),
    house: person.house_id
      ? { id: person.house_id, code: person.house_code!, label: person.address ?? person.house_code! }
      : null,
    building: links.building
      ? { id: links.building.id, code: links.building.code, label: links.building.name }
      : null,
    household: links.household.map((h) => ({ id: h.id, name: h.name, relation: h.relation })),
    vehicles: links.vehicles.map((v) => ({ id: v.id, code: v.plate, label: v.plate })),
    devices: links.devices.map((d) => ({ id: d.id, code: d.code, label: d.name })),
    organisations: links.organisations.map((o) => ({ id: o.id, code: o.code, label: o.name })),
    history,
    canReveal: actorCan(actor, 'person.reveal'),
  };
}

export async function readPersonDossier(ctx: Context, actor: Actor, id: string) {
  const dossier = await personDossier(ctx, actor, id);
  await auditAlone(ctx.db, actor, { action: 'person.read', targetType: 'person', targetId: id }, ctx.now());
  return dossier;
}

/** Plaintext identity and phone number, for a stated reason; the audit row carries the reason. */
export async function revealPerson(
  ctx: Context,
  actor: Actor,
  id: string,
  purpose: { reason: string; caseId?: string },
) {
  await personOr404(ctx, actor, ctx.db, id);
  return ctx.db.transaction().execute(async (tx) => {
    const sealed = await repo.sealedFields(tx, id);
    await appendAudit(
      tx,
      actor,
      {
        action: 'person.reveal',
        targetType: 'person',
        targetId: id,
        details: { reason: purpose.reason, caseId: purpose.caseId ?? null, fields: ['idNumber', 'phone'] },
      },
      ctx.now(),
    );
    return {
      idNumber: ctx.crypto.decrypt(sealed.id_number_enc),
      phone: sealed.phone_enc ? ctx.crypto.decrypt(sealed.phone_enc) : null,
    };
  });
}

const HOUSEHOLD_FIELDS = ['name', 'householdType', 'relation'] as const;

export async function updatePerson(
  ctx: Context,
  actor: Actor,
  id: string,
  input: TPersonUpdate,
  action = 'person.update',
  note?: string,
) {
  await ctx.db.transaction().execute(async (tx) => {
    const person = await personOr404(ctx, actor, tx, id);
    const set: Record<string, unknown> = { updated_at: ctx.now() };
    const before: Record<string, unknown> = {
      name: person.name,
      householdType: person.household_type,
      relation: person.relation,
      phone: person.phone_mask,
      houseCode: person.house_code ?? null,
    };
    const after: Record<string, unknown> = {};
    for (const field of HOUSEHOLD_FIELDS) if (input[field] !== undefined) after[field] = input[field];
    if (input.name) Object.assign(set, { name: input.name, name_initials: nameInitials(input.name) });
    if (input.householdType) set.household_type = input.householdType;
    if (input.relation !== undefined) set.relation = input.relation;
    if (input.phone !== undefined) {
      const phone = input.phone === null || input.phone === '' ? null : normalizeMobileNumber(input.phone);
      if (phone !== null && !isMobileNumber(phone))
        throw new AppError('VALIDATION_FAILED', 'phone', {
          zh: '手机号格式不正确',
          en: 'phone: not a mainland mobile number',
        });
      Object.assign(set, {
        phone_enc: phone && ctx.crypto.encrypt(phone),
        phone_hash: phone && ctx.crypto.keyedHash(phone),
        phone_mask: phone && maskMobileNumber(phone),
      });
      after.phone = phone && maskMobileNumber(phone); // the history holds the mask, never the number
    }
    if (input.houseCode !== undefined) {
      const house = input.houseCode
        ? await tx
            .selectFrom('house')
            .select(['id', 'org_path'])
            .where('code', '=', input.houseCode)
            .where('org_path', '=', person.org_path)
            .executeTakeFirst()
        : null;
      if (input.houseCode && !house)
        throw new AppError('VALIDATION_FAILED', 'houseCode', {
          zh: '该网格内没有此房屋编码',
          en: 'houseCode: no such house in this grid',
        });
      set.house_id = house?.id ?? null;
      after.houseCode = input.houseCode;
    }
    const changes = diff(before, after);
    await tx.updateTable('person').set(set).where('id', '=', id).execute();
    await appendAudit(
      tx,
      actor,
      {
        action,
        targetType: 'person',
        targetId: id,
        orgPath: person.org_path,
        details: { changes, ...(note ? { note } : {}) },
      },
      ctx.now(),
    );
  });
  return personDossier(ctx, actor, id);
}
