import type { Db } from './db/database.ts';
import type { Role } from './db/schema.ts';

export type Actor =
  | { kind: 'user'; userId: string; email: string }
  /** Operators at the command line and background jobs act as the system. */
  | { kind: 'system'; label: string };

export interface MembershipGrant {
  organisationId: string;
  /** The membership organisation's parent: a state CERT works on its state's tree. */
  organisationParentId: string | null;
  role: Role;
}

/** Who is asking, built once per request (or CLI run); the first argument of every service call. */
export interface RequestContext {
  db: Db;
  actor: Actor;
  memberships: MembershipGrant[];
  /** Municipalities assigned to the actor as auditor. */
  assignedOrganisationIds: string[];
  requestId: string;
}

export function systemContext(db: Db, label: string, requestId = `cli-${Date.now()}`): RequestContext {
  return { db, actor: { kind: 'system', label }, memberships: [], assignedOrganisationIds: [], requestId };
}

export const actorLabel = (actor: Actor) => (actor.kind === 'user' ? actor.email : `system:${actor.label}`);
export const actorUserId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
