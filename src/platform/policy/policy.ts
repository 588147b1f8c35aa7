import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { RequestContext } from '../context.ts';
import type { DB, Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/**
 * The one place that decides who may do what to which organisation's data.
 *
 * A role grants permissions over a reach: the whole platform, the membership organisation
 * itself, its subtree, its parent's subtree (a state CERT works for its state) or the
 * auditor's assigned municipalities. Repositories put the resulting scope into their WHERE
 * clause; nothing reads tenant data without one. Anything not granted here is denied.
 */
export type Permission =
  /** Scan findings (src/domains/scans/findings): read, accept/reopen (comply or explain), import reports. */
  | 'finding.read'
  | 'finding.manage'
  | 'scan.import'
  /** Asset inventory and scan authorisations (src/domains/assets): read, edit, authorise scans. */
  | 'asset.read'
  | 'asset.manage'
  | 'scan.authorise'
  /** Scan runs and schedules of the built-in checks (src/domains/scans/runs); reading them needs finding.read. */
  | 'scan.run'
  | 'organisation.read'
  | 'organisation.manage'
  | 'user.read'
  | 'user.manage'
  | 'audit.read'
  | 'audit.verify'
  | 'aggregate.read'
  /** Catalogs are programme-wide reference data, not tenant-owned: every role reads them. */
  | 'catalog.read'
  | 'catalog.manage'
  /** Assessments (src/domains/assessments): read, create, answer (draft), submit, verify and freeze. */
  | 'assessment.read'
  | 'assessment.create'
  | 'assessment.answer'
  | 'assessment.submit'
  | 'assessment.verify'
  | 'assessment.freeze'
  /** Measures (src/domains/measures): read, generate/edit/advance, mark verified, deliver packages. */
  | 'measure.read'
  | 'measure.edit'
  | 'measure.verify'
  | 'measure.deliver'
  /** Incidents (src/domains/incidents): report and answer (Kommune), read (TLP is a ceiling on top), handle the CERT case. */
  | 'incident.report'
  | 'incident.read'
  | 'incident.handle'
  /** Advisories and warnings (src/domains/advisories): TLP is a ceiling on top of these. */
  | 'advisory.read'
  | 'advisory.manage'
  | 'warning.read'
  | 'warning.respond'
  | 'warning.publish'
  /** State overview per Kommune (src/domains/overview); observers get only aggregate.read. */
  | 'overview.read';

type Reach = 'global' | 'self' | 'subtree' | 'parent-subtree' | 'assignments';

interface Grant {
  reach: Reach;
  permissions: readonly Permission[];
}

export const ROLE_GRANTS: Record<Role, readonly Grant[]> = {
  admin: [
    { reach: 'global', permissions: ['overview.read'] },
    { reach: 'global', permissions: ['finding.read', 'finding.manage', 'scan.import'] },
    { reach: 'global', permissions: ['asset.read', 'asset.manage', 'scan.authorise'] },
    { reach: 'global', permissions: ['scan.run'] },
    { reach: 'global', permissions: ['incident.read'] },
    { reach: 'global', permissions: ['advisory.read', 'advisory.manage', 'warning.read'] },
    {
      reach: 'global',
      permissions: [
        'organisation.read',
        'organisation.manage',
        'user.read',
        'user.manage',
        'audit.read',
        'audit.verify',
        'aggregate.read',
        'catalog.read',
        'catalog.manage',
        'assessment.read',
        'assessment.create',
        'assessment.answer',
        'assessment.submit',
        'assessment.verify',
        'assessment.freeze',
        'measure.read',
        'measure.edit',
        'measure.verify',
        'measure.deliver',
      ],
    },
  ],
  programme_manager: [
    { reach: 'subtree', permissions: ['overview.read'] },
    { reach: 'subtree', permissions: ['finding.read', 'finding.manage', 'scan.import'] },
    { reach: 'subtree', permissions: ['asset.read', 'asset.manage', 'scan.authorise'] },
    { reach: 'subtree', permissions: ['scan.run'] },
    // Sees that a Kommune of its state reported an incident; the content only where TLP allows (not AMBER and up).
    { reach: 'subtree', permissions: ['incident.read'] },
    { reach: 'subtree', permissions: ['organisation.read', 'user.read', 'audit.read', 'aggregate.read'] },
    { reach: 'global', permissions: ['catalog.read'] },
    { reach: 'subtree', permissions: ['assessment.read', 'assessment.create'] },
    { reach: 'subtree', permissions: ['measure.read', 'measure.edit', 'measure.verify', 'measure.deliver'] },
  ],
  auditor: [
    { reach: 'assignments', permissions: ['finding.read'] },
    { reach: 'assignments', permissions: ['asset.read'] },
    { reach: 'self', permissions: ['organisation.read'] },
    { reach: 'assignments', permissions: ['organisation.read'] },
    { reach: 'global', permissions: ['catalog.read'] },
    { reach: 'assignments', permissions: ['assessment.read', 'assessment.verify', 'assessment.freeze'] },
    {
      reach: 'assignments',
      permissions: ['measure.read', 'measure.edit', 'measure.verify', 'measure.deliver'],
    },
  ],
  isb: [
    { reach: 'self', permissions: ['finding.read', 'finding.manage', 'scan.import'] },
    { reach: 'self', permissions: ['asset.read', 'asset.manage', 'scan.authorise'] },
    { reach: 'self', permissions: ['scan.run'] },
    { reach: 'self', permissions: ['incident.report', 'incident.read'] },
    { reach: 'self', permissions: ['warning.read', 'warning.respond'] },
    { reach: 'self', permissions: ['organisation.read', 'user.read', 'audit.read'] },
    { reach: 'global', permissions: ['catalog.read'] },
    {
      reach: 'self',
      permissions: ['assessment.read', 'assessment.create', 'assessment.answer', 'assessment.submit'],
    },
    { reach: 'self', permissions: ['measure.read', 'measure.edit'] },
  ],
  member: [
    { reach: 'self', permissions: ['finding.read'] },
    { reach: 'self', permissions: ['asset.read'] },
    { reach: 'self', permissions: ['incident.report', 'incident.read'] },
    { reach: 'self', permissions: ['warning.read', 'warning.respond'] },
    { reach: 'self', permissions: ['organisation.read'] },
    { reach: 'global', permissions: ['catalog.read'] },
    { reach: 'self', permissions: ['assessment.read', 'assessment.answer'] },
    { reach: 'self', permissions: ['measure.read'] },
  ],
  cert: [
    { reach: 'parent-subtree', permissions: ['finding.read'] },
    // A state CERT reads its state's inventories: it needs them to target warnings.
    { reach: 'parent-subtree', permissions: ['asset.read'] },
    { reach: 'parent-subtree', permissions: ['incident.read', 'incident.handle'] },
    {
      reach: 'parent-subtree',
      permissions: ['advisory.read', 'advisory.manage', 'warning.read', 'warning.publish'],
    },
    { reach: 'self', permissions: ['organisation.read'] },
    { reach: 'parent-subtree', permissions: ['organisation.read'] },
    { reach: 'global', permissions: ['catalog.read'] },
  ],
  observer: [
    { reach: 'self', permissions: ['organisation.read'] },
    { reach: 'global', permissions: ['aggregate.read', 'catalog.read'] },
  ],
};

/** The organisations on which the actor holds a permission. */
export interface Scope {
  all: boolean;
  organisationIds: string[];
  /** Roots whose whole subtree (root included) is in scope. */
  subtreeRootIds: string[];
}

export const EMPTY_SCOPE: Scope = { all: false, organisationIds: [], subtreeRootIds: [] };

export function scopeFor(ctx: RequestContext, permission: Permission): Scope {
  if (ctx.actor.kind === 'system') return { all: true, organisationIds: [], subtreeRootIds: [] };
  const ids = new Set<string>();
  const roots = new Set<string>();
  for (const membership of ctx.memberships) {
    for (const grant of ROLE_GRANTS[membership.role]) {
      if (!grant.permissions.includes(permission)) continue;
      switch (grant.reach) {
        case 'global':
          return { all: true, organisationIds: [], subtreeRootIds: [] };
        case 'self':
          ids.add(membership.organisationId);
          break;
        case 'subtree':
          roots.add(membership.organisationId);
          break;
        case 'parent-subtree':
          if (membership.organisationParentId) roots.add(membership.organisationParentId);
          break;
        case 'assignments':
          for (const id of ctx.assignedOrganisationIds) ids.add(id);
          break;
        default: {
          const unknownReach: never = grant.reach;
          throw new Error(`unhandled reach ${unknownReach}`);
        }
      }
    }
  }
  return { all: false, organisationIds: [...ids], subtreeRootIds: [...roots] };
}

export const isEmptyScope = (scope: Scope) =>
  !scope.all && scope.organisationIds.length === 0 && scope.subtreeRootIds.length === 0;

/** Whether an organisation (with its ancestor chain) lies in the scope. */
export function scopeIncludes(scope: Scope, organisation: { id: string; ancestor_ids: string[] }): boolean {
  if (scope.all) return true;
  if (scope.organisationIds.includes(organisation.id)) return true;
  return scope.subtreeRootIds.some(
    (root) => root === organisation.id || organisation.ancestor_ids.includes(root),
  );
}

/**
 * A WHERE condition that keeps rows whose organisation column lies in the scope.
 * `organisationColumn` names a uuid column of the queried table (e.g. `audit_log.organisation_id`).
 */
export function organisationInScope<TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  organisationColumn: Expression<string | null>,
  scope: Scope,
): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  if (isEmptyScope(scope)) return sql<SqlBool>`false`;
  const conditions: Expression<SqlBool>[] = [];
  if (scope.organisationIds.length > 0) {
    conditions.push(sql<SqlBool>`${organisationColumn} = any(${scope.organisationIds}::uuid[])`);
  }
  if (scope.subtreeRootIds.length > 0) {
    conditions.push(
      sql<SqlBool>`${organisationColumn} in (select o.id from organisations o where o.id = any(${scope.subtreeRootIds}::uuid[]) or o.ancestor_ids && ${scope.subtreeRootIds}::uuid[])`,
    );
  }
  return eb.or(conditions);
}

/** Throws 403 unless the actor holds `permission` on the organisation (which it can already see). */
export function assertPermitted(
  ctx: RequestContext,
  permission: Permission,
  organisation: { id: string; ancestor_ids: string[] } | null,
): void {
  const scope = scopeFor(ctx, permission);
  const allowed = organisation ? scopeIncludes(scope, organisation) : scope.all;
  if (!allowed) throw new AppError('forbidden');
}

/** Throws 403 unless the actor holds `permission` somewhere. */
export function assertAnyPermission(ctx: RequestContext, permission: Permission): Scope {
  const scope = scopeFor(ctx, permission);
  if (isEmptyScope(scope)) throw new AppError('forbidden');
  return scope;
}
