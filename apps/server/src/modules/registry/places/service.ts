// Lists and dossiers of houses, buildings, vehicles, devices and organisations. Each register is
// described once (query, columns, order, presenter); listing, reading and auditing are shared.
import type { TRegisterQuery } from '@civgrid/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findInScope, scopedFrom } from '../../../platform/scope.ts';
import { recordHistory } from '../history.ts';
import { presentPerson } from '../persons/presenter.ts';
import { personColumns } from '../persons/repository.ts';
import { paging, underPath } from '../shared.ts';
import * as present from './presenter.ts';
import * as repo from './repository.ts';

// biome-ignore lint/suspicious/noExplicitAny: the registers' queries differ in their joined tables.
type AnyQuery = any;

interface Register {
  table: 'house' | 'building' | 'vehicle' | 'device' | 'organisation';
  query: (db: Queryable, actor: Actor, filter: repo.ListFilter) => AnyQuery;
  columns: readonly unknown[];
  orderBy: string;
  present: (row: Record<string, unknown>) => unknown;
}

export const REGISTERS = {
  houses: {
    table: 'house',
    query: repo.housesQuery,
    columns: repo.houseColumns,
    orderBy: 'house.code',
    present: present.presentHouse,
  },
  buildings: {
    table: 'building',
    query: repo.buildingsQuery,
    columns: repo.buildingColumns,
    orderBy: 'building.code',
    present: present.presentBuilding,
  },
  vehicles: {
    table: 'vehicle',
    query: repo.vehiclesQuery,
    columns: repo.vehicleColumns,
    orderBy: 'vehicle.plate',
    present: present.presentVehicle,
  },
  devices: {
    table: 'device',
    query: repo.devicesQuery,
    columns: repo.deviceColumns,
    orderBy: 'device.code',
    present: present.presentDevice,
  },
  organisations: {
    table: 'organisation',
    query: repo.organisationsQuery,
    columns: repo.organisationColumns,
    orderBy: 'organisation.code',
    present: present.presentOrganisation,
  },
} satisfies Record<string, Register>;
export type RegisterName = keyof typeof REGISTERS;

export async function listRegister(ctx: Context, actor: Actor, name: RegisterName, query: TRegisterQuery) {
  const register: Register = REGISTERS[name];
  const filter = { q: query.q, underPath: await underPath(ctx, actor, query.under) };
  return ctx.db.transaction().execute(async (tx) => {
    const base = register.query(tx, actor, filter);
    const [rows, { total }] = await Promise.all([
      base
        .select(register.columns)
        .orderBy(register.orderBy)
        .limit(paging(query).limit)
        .offset(paging(query).offset)
        .execute(),
      base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    ]);
    await appendAudit(
      tx,
      actor,
      {
        action: `${register.table}.list`,
        details: { under: query.under ?? null, page: query.page, returned: rows.length },
      },
      ctx.now(),
    );
    return { items: rows.map(register.present), total, page: query.page, pageSize: query.pageSize };
  });
}

async function findOne(ctx: Context, actor: Actor, name: RegisterName, id: string) {
  const register: Register = REGISTERS[name];
  const row = await findInScope(
    ctx.db,
    actor,
    { table: register.table, column: 'id', value: id },
    () =>
      register
        .query(ctx.db, actor, {})
        .select(register.columns)
        .where(`${register.table}.id`, '=', id)
        .executeTakeFirst(),
    ctx.now(),
  );
  if (!row) throw new AppError('NOT_FOUND');
  return row as Record<string, unknown>;
}

async function audited<T>(ctx: Context, actor: Actor, table: string, id: string, result: T): Promise<T> {
  await auditAlone(ctx.db, actor, { action: `${table}.read`, targetType: table, targetId: id }, ctx.now());
  return result;
}

const refs = (rows: { id: string; code: string; name?: string }[]) =>
  rows.map((r) => ({ id: r.id, code: r.code, label: r.name ?? r.code }));

export async function houseDossier(ctx: Context, actor: Actor, id: string) {
  const house = await findOne(ctx, actor, 'houses', id);
  const [residents, devices, history] = await Promise.all([
    scopedFrom(ctx.db, actor, 'person')
      .leftJoin('house', 'house.id', 'person.house_id')
      .select([...personColumns, 'house.address'])
      .where('person.house_id', '=', id)
      .orderBy('person.id')
      .execute(),
    scopedFrom(ctx.db, actor, 'device')
      .select(['device.id', 'device.code', 'device.name'])
      .where('device.house_id', '=', id)
      .execute(),
    recordHistory(ctx.db, 'house', id),
  ]);
  return audited(ctx, actor, 'house', id, {
    house: present.presentHouse(house),
    residents: residents.map(presentPerson),
    devices: refs(devices),
    history,
  });
}

export async function buildingDossier(ctx: Context, actor: Actor, id: string) {
  const building = await findOne(ctx, actor, 'buildings', id);
  const [houses, organisations, devices, history] = await Promise.all([
    repo
      .housesQuery(ctx.db, actor, {})
      .select(repo.houseColumns)
      .where('house.building_id', '=', id)
      .orderBy('house.code')
      .execute(),
    scopedFrom(ctx.db, actor, 'organisation')
      .select(['organisation.id', 'organisation.code', 'organisation.name'])
      .where('organisation.building_id', '=', id)
      .execute(),
    scopedFrom(ctx.db, actor, 'device')
      .select(['device.id', 'device.code', 'device.name'])
      .where('device.building_id', '=', id)
      .execute(),
    recordHistory(ctx.db, 'building', id),
  ]);
  return audited(ctx, actor, 'building', id, {
    building: present.presentBuilding(building),
    houses: houses.map(present.presentHouse),
    organisations: refs(organisations),
    devices: refs(devices),
    history,
  });
}

export async function simpleDossier(
  ctx: Context,
  actor: Actor,
  name: 'vehicles' | 'devices' | 'organisations',
  id: string,
) {
  const register: Register = REGISTERS[name];
  const row = await findOne(ctx, actor, name, id);
  const history = await recordHistory(ctx.db, register.table, id);
  const key = { vehicles: 'vehicle', devices: 'device', organisations: 'organisation' }[name];
  return audited(ctx, actor, register.table, id, { [key]: register.present(row), history });
}
