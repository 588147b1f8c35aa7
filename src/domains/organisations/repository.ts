import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { NewOrganisation, OrganisationRow } from '../../platform/db/schema.ts';

export type OrganisationChanges = Partial<Omit<NewOrganisation, 'id' | 'created_at' | 'updated_at'>>;

import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { OrganisationListFilter } from './schemas.ts';

export async function findOrganisations(
  db: Executor,
  scope: Scope,
  filter: OrganisationListFilter,
): Promise<{ rows: OrganisationRow[]; total: number }> {
  let query = db
    .selectFrom('organisations')
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope));
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.parent) query = query.where('parent_id', '=', filter.parent);
  if (filter.q) query = query.where('name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** One organisation, only if it lies in the scope (else undefined: the caller answers 404). */
export function findOrganisationById(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope))
    .executeTakeFirst();
}

export function findOrganisationsByArs(db: Executor, ars: string[]): Promise<OrganisationRow[]> {
  if (ars.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').selectAll().where('ars', 'in', ars).execute();
}

/** Unscoped lookup for operators' CLI commands, which act as the system. */
export function unsafeFindOrganisationByKey(db: Executor, key: string): Promise<OrganisationRow | undefined> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(key);
  return db
    .selectFrom('organisations')
    .selectAll()
    .where(isUuid ? 'id' : 'ars', '=', key)
    .executeTakeFirst();
}

export async function insertOrganisation(db: Executor, values: NewOrganisation): Promise<OrganisationRow> {
  return db.insertInto('organisations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganisation(
  db: Executor,
  id: string,
  values: OrganisationChanges,
): Promise<OrganisationRow> {
  return db
    .updateTable('organisations')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
