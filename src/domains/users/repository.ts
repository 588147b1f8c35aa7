import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Role, UserRow } from '../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { UserListFilter } from './schemas.ts';

export interface UserMembershipRow {
  id: string;
  user_id: string;
  organisation_id: string;
  organisation_name: string;
  role: Role;
}

/** Users with at least one membership or auditor assignment in the scope. */
function usersInScope(db: Executor, scope: Scope) {
  return db.selectFrom('users').where((eb) =>
    scope.all
      ? sql<boolean>`true`
      : eb.or([
          eb.exists(
            eb
              .selectFrom('memberships')
              .select('memberships.id')
              .whereRef('memberships.user_id', '=', 'users.id')
              .where((inner) => organisationInScope(inner, inner.ref('memberships.organisation_id'), scope)),
          ),
          eb.exists(
            eb
              .selectFrom('auditor_assignments')
              .select('auditor_assignments.id')
              .whereRef('auditor_assignments.user_id', '=', 'users.id')
              .where((inner) =>
                organisationInScope(inner, inner.ref('auditor_assignments.organisation_id'), scope),
              ),
          ),
        ]),
  );
}

export async function findUsers(db: Executor, scope: Scope, filter: UserListFilter) {
  let query = usersInScope(db, scope);
  if (filter.organisationId) {
    const organisationId = filter.organisationId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships')
          .select('memberships.id')
          .whereRef('memberships.user_id', '=', 'users.id')
          .where('memberships.organisation_id', '=', organisationId),
      ),
    );
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('display_name', 'ilike', pattern)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll('users').orderBy('email').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findUserById(db: Executor, scope: Scope, id: string): Promise<UserRow | undefined> {
  return usersInScope(db, scope).selectAll('users').where('users.id', '=', id).executeTakeFirst();
}

/** Unscoped: login and CLI operators look accounts up by e-mail before any scope exists. */
export function unsafeFindUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findMemberships(db: Executor, userIds: string[]): Promise<UserMembershipRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select([
      'memberships.id',
      'memberships.user_id',
      'memberships.organisation_id',
      'organisations.name as organisation_name',
      'memberships.role',
    ])
    .where('memberships.user_id', 'in', userIds)
    .orderBy('organisations.name')
    .execute();
}

export function findAssignments(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('auditor_assignments')
    .select(['user_id', 'organisation_id'])
    .where('user_id', 'in', userIds)
    .execute();
}
