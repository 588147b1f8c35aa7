import type { Actor, MembershipGrant, RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';

/** Memberships and auditor assignments of a user: the input of every policy decision. */
export async function loadUserGrants(
  db: Db,
  userId: string,
): Promise<{ memberships: MembershipGrant[]; assignedOrganisationIds: string[] }> {
  const [memberships, assignments] = await Promise.all([
    db
      .selectFrom('memberships')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.organisation_id', 'memberships.role', 'organisations.parent_id'])
      .where('memberships.user_id', '=', userId)
      .execute(),
    db.selectFrom('auditor_assignments').select('organisation_id').where('user_id', '=', userId).execute(),
  ]);
  return {
    memberships: memberships.map((m) => ({
      organisationId: m.organisation_id,
      organisationParentId: m.parent_id,
      role: m.role,
    })),
    assignedOrganisationIds: assignments.map((a) => a.organisation_id),
  };
}

export async function buildUserContext(
  db: Db,
  actor: Extract<Actor, { kind: 'user' }>,
  requestId: string,
): Promise<RequestContext> {
  const grants = await loadUserGrants(db, actor.userId);
  return { db, actor, requestId, ...grants };
}
