import type { RequestContext } from '../../platform/context.ts';
import { organisationInScope, scopeFor } from '../../platform/policy/policy.ts';
import type { AuditListFilter } from './schemas.ts';

/**
 * Audit entries scoped like everything else: those of organisations in the caller's
 * `audit.read` scope. Entries without an organisation (accounts, logins) are admin-only.
 */
export async function listAuditEntries(ctx: RequestContext, filter: AuditListFilter) {
  const scope = scopeFor(ctx, 'audit.read');
  let query = ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => organisationInScope(eb, eb.ref('audit_log.organisation_id'), scope));
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.resourceType) query = query.where('resource_type', '=', filter.resourceType);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return {
    items: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      actor: row.actor_label,
      action: row.action,
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      organisationId: row.organisation_id,
      before: row.before,
      after: row.after,
    })),
    nextBeforeId: rows.length === filter.limit ? (rows.at(-1)?.id ?? null) : null,
  };
}
