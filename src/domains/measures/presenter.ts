import type { RequestContext } from '../../platform/context.ts';
import type { MeasureStatus } from '../../platform/db/schema.ts';
import { type Permission, type Scope, scopeFor, scopeIncludes } from '../../platform/policy/policy.ts';
import type { MeasureRecord, PackageRecord } from './repository.ts';
import type {
  AssessmentMeasureAction,
  MeasureAction,
  MeasureDto,
  MeasureFieldsDto,
  PackageAction,
  PackageDto,
} from './schemas.ts';

/** Allowed status changes: one step forward; back only from done to in_progress. */
export const TRANSITIONS: Record<MeasureStatus, readonly MeasureStatus[]> = {
  proposed: ['agreed'],
  agreed: ['in_progress'],
  in_progress: ['done'],
  done: ['verified', 'in_progress'],
  verified: [],
};

/** Statuses of an assessment from which measures are generated, added and delivered. */
export const MEASURABLE_ASSESSMENT = ['verified', 'frozen'] as const;

interface OrganisationRef {
  organisation_id: string;
  organisation_ancestor_ids: string[];
}

// A list presents many rows for one caller: the scopes are the same for all of them.
const scopeCache = new WeakMap<RequestContext, Map<Permission, Scope>>();

/**
 * Whether the caller holds the permission on the row's organisation, evaluated by the policy
 * module exactly as the service's `assertPermitted` does, so the API never offers what it refuses.
 */
export function holds(ctx: RequestContext, permission: Permission, row: OrganisationRef): boolean {
  let scopes = scopeCache.get(ctx);
  if (!scopes) {
    scopes = new Map();
    scopeCache.set(ctx, scopes);
  }
  let scope = scopes.get(permission);
  if (!scope) {
    scope = scopeFor(ctx, permission);
    scopes.set(permission, scope);
  }
  return scopeIncludes(scope, { id: row.organisation_id, ancestor_ids: row.organisation_ancestor_ids });
}

/** The status targets the caller may set now (verified needs measure.verify, the rest measure.edit). */
export function statusTargets(
  ctx: RequestContext,
  row: OrganisationRef & { status: MeasureStatus },
): MeasureStatus[] {
  return TRANSITIONS[row.status].filter((target) =>
    holds(ctx, target === 'verified' ? 'measure.verify' : 'measure.edit', row),
  );
}

export function measureActions(
  ctx: RequestContext,
  row: OrganisationRef & { status: MeasureStatus },
): { allowedActions: MeasureAction[]; allowedStatusTargets: MeasureStatus[] } {
  const targets = statusTargets(ctx, row);
  const actions: MeasureAction[] = [];
  if (row.status !== 'verified' && holds(ctx, 'measure.edit', row)) actions.push('edit');
  if (targets.some((s) => s !== 'verified')) actions.push('change_status');
  if (targets.includes('verified')) actions.push('verify');
  return { allowedActions: actions, allowedStatusTargets: targets };
}

/** What the caller may do with the measures of one assessment (generate, add by hand, deliver). */
export function assessmentMeasureActions(
  ctx: RequestContext,
  assessment: OrganisationRef & { status: string },
): AssessmentMeasureAction[] {
  if (!(MEASURABLE_ASSESSMENT as readonly string[]).includes(assessment.status)) return [];
  const actions: AssessmentMeasureAction[] = [];
  if (holds(ctx, 'measure.edit', assessment)) actions.push('generate', 'create');
  if (holds(ctx, 'measure.deliver', assessment)) actions.push('deliver');
  return actions;
}

/** The measure's own fields, as frozen into a package snapshot (no caller-dependent parts). */
export function presentMeasureFields(r: MeasureRecord): MeasureFieldsDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    assessmentId: r.assessment_id,
    packageId: r.package_id,
    sources: r.sources.map((s) => ({
      kind: s.kind,
      id: s.id,
      key: s.key,
      ...(s.resolvedAt ? { resolvedAt: s.resolvedAt, resolution: s.resolution ?? 'fixed' } : {}),
    })),
    type: r.type,
    title: r.title,
    description: r.description,
    priority: r.priority,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status,
    costEstimateCents: r.cost_estimate_cents === null ? null : Number(r.cost_estimate_cents),
    fundingStage: r.funding_stage === null ? null : (Number(r.funding_stage) as 1 | 2),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** A live measure for the caller: its fields and what the caller may do with it now. */
export function presentMeasure(ctx: RequestContext, r: MeasureRecord): MeasureDto {
  return { ...presentMeasureFields(r), ...measureActions(ctx, r) };
}

export function presentPackage(ctx: RequestContext, r: PackageRecord): PackageDto {
  const actions: PackageAction[] = holds(ctx, 'measure.deliver', r) ? ['deliver'] : [];
  return {
    id: r.id,
    organisationId: r.organisation_id,
    assessmentId: r.assessment_id,
    version: r.version,
    status: r.status,
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    deliveredBy: r.delivered_by_name,
    measureCount: r.measure_count,
    allowedActions: actions,
  };
}
