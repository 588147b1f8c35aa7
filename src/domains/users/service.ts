import { recordAudit } from '../../platform/audit/audit.ts';
import { clearAuthCache } from '../../platform/auth/auth-cache.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { endAllSessions } from '../../platform/auth/sessions.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertPermitted, organisationInScope, type Scope, scopeFor } from '../../platform/policy/policy.ts';
import { findOrganisationById } from '../organisations/repository.ts';
import {
  findAssignments,
  findMemberships,
  findUserById,
  findUsers,
  unsafeFindUserByEmail,
} from './repository.ts';
import type { AddMembershipInput, CreateUserInput, UserDto, UserListFilter } from './schemas.ts';

/** Sessions and grants changed: drop cached auth once the transaction has committed. */
async function grantsChanged<T>(committed: Promise<T>): Promise<T> {
  const result = await committed;
  clearAuthCache();
  return result;
}

export interface PasswordPolicy {
  argon2MemoryKiB: number;
}

/** Users as the caller may see them: memberships outside the caller's scope are left out. */
async function presentUsers(db: Executor, scope: Scope, rows: UserRow[]): Promise<UserDto[]> {
  const ids = rows.map((r) => r.id);
  const [memberships, assignments] = await Promise.all([findMemberships(db, ids), findAssignments(db, ids)]);
  const organisationIds = [...new Set([...memberships, ...assignments].map((m) => m.organisation_id))];
  const visible = new Set(
    organisationIds.length === 0
      ? []
      : (
          await db
            .selectFrom('organisations')
            .select('id')
            .where('id', 'in', organisationIds)
            .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope))
            .execute()
        ).map((o) => o.id),
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    totpEnabled: row.totp_enabled,
    disabled: row.disabled_at !== null,
    memberships: memberships
      .filter((m) => m.user_id === row.id && visible.has(m.organisation_id))
      .map((m) => ({
        id: m.id,
        organisationId: m.organisation_id,
        organisationName: m.organisation_name,
        role: m.role,
      })),
    assignedOrganisationIds: assignments
      .filter((a) => a.user_id === row.id && visible.has(a.organisation_id))
      .map((a) => a.organisation_id),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  }));
}

export async function listUsers(ctx: RequestContext, filter: UserListFilter) {
  const scope = scopeFor(ctx, 'user.read');
  const { rows, total } = await findUsers(ctx.db, scope, filter);
  return {
    items: await presentUsers(ctx.db, scope, rows),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function getUser(ctx: RequestContext, id: string): Promise<UserDto> {
  const scope = scopeFor(ctx, 'user.read');
  const row = await findUserById(ctx.db, scope, id);
  if (!row) throw notFound('Das Benutzerkonto');
  return (await presentUsers(ctx.db, scope, [row]))[0]!;
}

/** Loads a user the caller can see and checks that the caller may manage accounts at all. */
async function loadManagedUser(ctx: RequestContext, db: Executor, id: string): Promise<UserRow> {
  const row = await findUserById(db, scopeFor(ctx, 'user.read'), id);
  if (!row) throw notFound('Das Benutzerkonto');
  assertPermitted(ctx, 'user.manage', null);
  return row;
}

export async function createUser(
  ctx: RequestContext,
  input: CreateUserInput,
  policy: PasswordPolicy,
): Promise<UserDto> {
  assertPermitted(ctx, 'user.manage', null);
  const passwordHash = input.password
    ? await hashPassword(input.password, { memoryKiB: policy.argon2MemoryKiB })
    : null;
  return ctx.db.transaction().execute(async (trx) => {
    if (await unsafeFindUserByEmail(trx, input.email)) {
      throw new AppError('conflict', {
        detail: `Ein Konto mit der E-Mail-Adresse ${input.email} besteht bereits.`,
        errors: [{ pointer: '/body/email', message: 'bereits vergeben' }],
      });
    }
    const row = await trx
      .insertInto('users')
      .values({
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        password_changed_at: passwordHash ? new Date() : null,
        locale: input.locale,
        totp_secret: null,
        totp_last_step: null,
        oidc_issuer: null,
        oidc_subject: null,
        locked_until: null,
        disabled_at: null,
        last_login_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const [dto] = await presentUsers(trx, { all: true, organisationIds: [], subtreeRootIds: [] }, [row]);
    await recordAudit(ctx, trx, {
      action: 'user.create',
      resourceType: 'user',
      resourceId: row.id,
      after: dto,
    });
    return dto!;
  });
}

export async function addMembership(
  ctx: RequestContext,
  userId: string,
  input: AddMembershipInput,
): Promise<UserDto> {
  return grantsChanged(
    ctx.db.transaction().execute(async (trx) => {
      const user = await loadManagedUser(ctx, trx, userId);
      const organisation = await findOrganisationById(
        trx,
        scopeFor(ctx, 'organisation.read'),
        input.organisationId,
      );
      if (!organisation) throw notFound('Die Organisation');
      assertPermitted(ctx, 'user.manage', organisation);
      const inserted = await trx
        .insertInto('memberships')
        .values({ user_id: user.id, organisation_id: organisation.id, role: input.role })
        .onConflict((oc) => oc.columns(['user_id', 'organisation_id', 'role']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        await recordAudit(ctx, trx, {
          action: 'membership.create',
          resourceType: 'membership',
          resourceId: inserted.id,
          organisationId: organisation.id,
          after: { userId: user.id, email: user.email, organisationId: organisation.id, role: input.role },
        });
      }
      return (await presentUsers(trx, scopeFor(ctx, 'user.read'), [user]))[0]!;
    }),
  );
}

export async function removeMembership(
  ctx: RequestContext,
  userId: string,
  membershipId: string,
): Promise<void> {
  await grantsChanged(
    ctx.db.transaction().execute(async (trx) => {
      const user = await loadManagedUser(ctx, trx, userId);
      const membership = await trx
        .selectFrom('memberships')
        .selectAll()
        .where('id', '=', membershipId)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      if (!membership) throw notFound('Die Mitgliedschaft');
      await trx.deleteFrom('memberships').where('id', '=', membership.id).execute();
      await endAllSessions(trx, user.id);
      await recordAudit(ctx, trx, {
        action: 'membership.delete',
        resourceType: 'membership',
        resourceId: membership.id,
        organisationId: membership.organisation_id,
        before: { userId: user.id, organisationId: membership.organisation_id, role: membership.role },
      });
    }),
  );
}

export async function assignAuditor(
  ctx: RequestContext,
  userId: string,
  organisationId: string,
): Promise<UserDto> {
  return grantsChanged(
    ctx.db.transaction().execute(async (trx) => {
      const user = await loadManagedUser(ctx, trx, userId);
      const isAuditor = await trx
        .selectFrom('memberships')
        .select('id')
        .where('user_id', '=', user.id)
        .where('role', '=', 'auditor')
        .executeTakeFirst();
      if (!isAuditor) {
        throw new AppError('conflict', {
          detail: 'Nur Konten mit der Rolle Prüfer (auditor) können Kommunen zugewiesen werden.',
        });
      }
      const organisation = await findOrganisationById(
        trx,
        scopeFor(ctx, 'organisation.read'),
        organisationId,
      );
      if (!organisation) throw notFound('Die Organisation');
      if (organisation.type !== 'municipality' && organisation.type !== 'district') {
        throw new AppError('validation-failed', {
          detail:
            'Prüfer können nur Kommunen (Gemeinden, Verbandsgemeinden, Landkreise, kreisfreie Städte) zugewiesen werden.',
          errors: [{ pointer: '/body/organisationId', message: 'keine Kommune' }],
        });
      }
      const inserted = await trx
        .insertInto('auditor_assignments')
        .values({ user_id: user.id, organisation_id: organisation.id })
        .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        await recordAudit(ctx, trx, {
          action: 'auditor_assignment.create',
          resourceType: 'auditor_assignment',
          resourceId: inserted.id,
          organisationId: organisation.id,
          after: { userId: user.id, email: user.email, organisationId: organisation.id },
        });
      }
      return (await presentUsers(trx, scopeFor(ctx, 'user.read'), [user]))[0]!;
    }),
  );
}

export async function unassignAuditor(
  ctx: RequestContext,
  userId: string,
  organisationId: string,
): Promise<void> {
  await grantsChanged(
    ctx.db.transaction().execute(async (trx) => {
      const user = await loadManagedUser(ctx, trx, userId);
      const removed = await trx
        .deleteFrom('auditor_assignments')
        .where('user_id', '=', user.id)
        .where('organisation_id', '=', organisationId)
        .returning('id')
        .executeTakeFirst();
      if (!removed) throw notFound('Die Zuweisung');
      await recordAudit(ctx, trx, {
        action: 'auditor_assignment.delete',
        resourceType: 'auditor_assignment',
        resourceId: removed.id,
        organisationId,
        before: { userId: user.id, organisationId },
      });
    }),
  );
}

/** Sets a new password (by an administrator), lifts a lockout and ends the user's sessions. */
export async function setUserPassword(
  ctx: RequestContext,
  userId: string,
  password: string,
  policy: PasswordPolicy,
): Promise<void> {
  const hash = await hashPassword(password, { memoryKiB: policy.argon2MemoryKiB });
  await grantsChanged(
    ctx.db.transaction().execute(async (trx) => {
      const user = await loadManagedUser(ctx, trx, userId);
      await trx
        .updateTable('users')
        .set({
          password_hash: hash,
          password_changed_at: new Date(),
          failed_login_count: 0,
          locked_until: null,
          updated_at: new Date(),
        })
        .where('id', '=', user.id)
        .execute();
      await endAllSessions(trx, user.id);
      await recordAudit(ctx, trx, {
        action: 'user.password_reset',
        resourceType: 'user',
        resourceId: user.id,
      });
    }),
  );
}

export async function setUserDisabled(
  ctx: RequestContext,
  userId: string,
  disabled: boolean,
): Promise<UserDto> {
  return grantsChanged(
    ctx.db.transaction().execute(async (trx) => {
      const user = await loadManagedUser(ctx, trx, userId);
      if (ctx.actor.kind === 'user' && ctx.actor.userId === user.id) {
        throw new AppError('conflict', { detail: 'Sie können Ihr eigenes Konto nicht sperren.' });
      }
      const row = await trx
        .updateTable('users')
        .set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
        .where('id', '=', user.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (disabled) await endAllSessions(trx, user.id);
      await recordAudit(ctx, trx, {
        action: disabled ? 'user.disable' : 'user.enable',
        resourceType: 'user',
        resourceId: user.id,
        before: { disabled: user.disabled_at !== null },
        after: { disabled },
      });
      return (await presentUsers(trx, scopeFor(ctx, 'user.read'), [row]))[0]!;
    }),
  );
}
