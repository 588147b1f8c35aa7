/**
 * Measures package: the gaps (effective answer no / partial) of a verified or frozen assessment
 * become measures from the requirements' templates; the Kommune and its auditor plan and track
 * them; the auditor or the ministry delivers them as numbered package versions (snapshot).
 *
 * Priority and status rules: see PRIORITY_RULE and STATUS_RULE in schemas.ts (and the migration).
 * Objects outside the read scope answer 404, forbidden actions 403, wrong states 409. Every write
 * runs in one transaction with its audit record.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { MeasureSource } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertPermitted, type Permission, scopeFor } from '../../platform/policy/policy.ts';
import { findAssessmentById } from '../assessments/repository.ts';
import { attachOpenFindingMeasures } from '../scans/findings/measures-link.ts';
import {
  assessmentMeasureActions,
  presentMeasure,
  presentMeasureFields,
  presentPackage,
  TRANSITIONS,
} from './presenter.ts';
import {
  findGapTemplates,
  findGenerationKeys,
  findMeasureById,
  findMeasures,
  findPackageById,
  findPackages,
  type MeasureRecord,
  nextPackageVersion,
} from './repository.ts';
import {
  type MeasureCreateInput,
  type MeasureDto,
  type MeasureFieldsDto,
  type MeasureListFilter,
  type MeasurePatchInput,
  PRIORITY_RULE,
  type StatusInput,
} from './schemas.ts';

const readScope = (ctx: RequestContext) => scopeFor(ctx, 'measure.read');
const ALL = { limit: 100_000, offset: 0 };

function permit(
  ctx: RequestContext,
  permission: Permission,
  row: { organisation_id: string; organisation_ancestor_ids: string[] },
) {
  assertPermitted(ctx, permission, { id: row.organisation_id, ancestor_ids: row.organisation_ancestor_ids });
}

/** Priority 1 (highest) … 4 from the requirement's level and effort (documented in PRIORITY_RULE). */
export function priorityOf(level: string | null, effort: string | null): number {
  const base = level === 'basis' ? 1 : level === 'elevated' ? 3 : 2;
  return Math.min(4, base + (effort === 'high' ? 1 : 0));
}

export { TRANSITIONS };

const generationKey = (type: string, title: string) =>
  `${type}:${title.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()}`;

async function loadAssessment(ctx: RequestContext, db: Executor, id: string, lock = false) {
  // FOR UPDATE: concurrent generations / deliveries of one assessment run one after the other.
  const row = await findAssessmentById(db, readScope(ctx), id, lock ? 'update' : undefined);
  if (!row) throw notFound('Die Bewertung');
  return row;
}

async function loadMeasure(ctx: RequestContext, db: Executor, id: string, lock = false) {
  const row = await findMeasureById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Die Maßnahme');
  return row;
}

async function insertHistory(
  ctx: RequestContext,
  trx: Tx,
  row: { id: string; organisation_id: string },
  kind: 'created' | 'status' | 'fields',
  previous: Record<string, unknown> | null,
  next: Record<string, unknown>,
) {
  await trx
    .insertInto('measure_history')
    .values({
      organisation_id: row.organisation_id,
      measure_id: row.id,
      kind,
      previous: previous === null ? null : JSON.stringify(previous),
      next: JSON.stringify(next),
      changed_by: actorUserId(ctx.actor),
      changed_by_label: actorLabel(ctx.actor),
    })
    .execute();
}

// --- generation ----------------------------------------------------------------------------------

export async function generateMeasures(ctx: RequestContext, assessmentId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const assessment = await loadAssessment(ctx, trx, assessmentId, true);
    permit(ctx, 'measure.edit', assessment);
    if (assessment.status !== 'verified' && assessment.status !== 'frozen') {
      throw new AppError('invalid-state-transition', {
        detail: 'Maßnahmen entstehen erst aus einer geprüften oder abgeschlossenen Bewertung.',
        extensions: { currentStatus: assessment.status, requiredStatus: ['verified', 'frozen'] },
      });
    }
    const gaps = await findGapTemplates(trx, readScope(ctx), assessment.id);
    const groups = new Map<
      string,
      {
        type: MeasureDto['type'];
        title: string;
        description: string | null;
        priority: number;
        sources: MeasureSource[];
      }
    >();
    for (const gap of gaps) {
      const key = generationKey(gap.type, gap.title);
      let group = groups.get(key);
      if (!group) {
        group = { type: gap.type, title: gap.title, description: gap.description, priority: 4, sources: [] };
        groups.set(key, group);
      }
      group.priority = Math.min(group.priority, priorityOf(gap.level, gap.effort));
      if (!group.sources.some((s) => s.kind === 'requirement' && s.id === gap.requirement_id))
        group.sources.push({ kind: 'requirement', id: gap.requirement_id, key: gap.requirement_key });
      group.sources.push({ kind: 'template', id: gap.template_id, key: gap.template_key });
    }
    const existing = await findGenerationKeys(trx, readScope(ctx), assessment.id);
    let created = 0;
    for (const [key, group] of groups) {
      if (existing.has(key)) continue;
      const inserted = await trx
        .insertInto('measures')
        .values({
          organisation_id: assessment.organisation_id,
          assessment_id: assessment.id,
          package_id: null,
          sources: JSON.stringify(group.sources),
          generation_key: key,
          type: group.type,
          title: group.title,
          description: group.description,
          priority: group.priority,
          owner: null,
          due_date: null,
          cost_estimate_cents: null,
          funding_stage: null,
          created_by: actorUserId(ctx.actor),
          updated_by: actorUserId(ctx.actor),
        })
        .returning(['id', 'organisation_id'])
        .executeTakeFirstOrThrow();
      await insertHistory(ctx, trx, inserted, 'created', null, {
        status: 'proposed',
        type: group.type,
        title: group.title,
        priority: group.priority,
      });
      created++;
    }
    const kept = groups.size - created;
    // Open high/medium scan findings of the Kommune become measures too (scans/findings/measures-link.ts).
    created += await attachOpenFindingMeasures(ctx, trx, assessment);
    await recordAudit(ctx, trx, {
      action: 'measure.generate',
      resourceType: 'assessment',
      resourceId: assessment.id,
      organisationId: assessment.organisation_id,
      after: { created, kept, gaps: new Set(gaps.map((g) => g.requirement_id)).size },
    });
    const { rows } = await findMeasures(trx, readScope(ctx), { assessmentId: assessment.id, ...ALL });
    return {
      organisationId: assessment.organisation_id,
      assessmentId: assessment.id,
      created,
      kept,
      priorityRule: PRIORITY_RULE,
      items: rows.map((r) => presentMeasure(ctx, r)),
    };
  });
}

/**
 * Adds a measure by hand (DESIGN: "or added by hand"): same permission and states as the
 * generation, no sources and no generation key (so it is never merged with a generated one).
 */
export async function createMeasure(ctx: RequestContext, assessmentId: string, input: MeasureCreateInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const assessment = await loadAssessment(ctx, trx, assessmentId);
    permit(ctx, 'measure.edit', assessment);
    if (assessment.status !== 'verified' && assessment.status !== 'frozen') {
      throw new AppError('invalid-state-transition', {
        detail: 'Maßnahmen gehören zu einer geprüften oder abgeschlossenen Bewertung.',
        extensions: { currentStatus: assessment.status, requiredStatus: ['verified', 'frozen'] },
      });
    }
    const blank = (value: string | null | undefined) => (value ? value : null);
    const values = {
      type: input.type,
      title: input.title,
      description: blank(input.description),
      priority: input.priority,
      owner: blank(input.owner),
      due_date: input.dueDate ?? null,
      cost_estimate_cents: input.costEstimateCents ?? null,
      funding_stage: input.fundingStage ?? null,
    };
    const inserted = await trx
      .insertInto('measures')
      .values({
        ...values,
        organisation_id: assessment.organisation_id,
        assessment_id: assessment.id,
        package_id: null,
        sources: JSON.stringify([]),
        generation_key: null,
        created_by: actorUserId(ctx.actor),
        updated_by: actorUserId(ctx.actor),
      })
      .returning(['id', 'organisation_id'])
      .executeTakeFirstOrThrow();
    const record = (await findMeasureById(trx, readScope(ctx), inserted.id)) as MeasureRecord;
    const {
      id: _id,
      organisationId: _o,
      assessmentId: _a,
      packageId: _p,
      createdAt: _c,
      updatedAt: _u,
      ...fields
    } = presentMeasureFields(record);
    await insertHistory(ctx, trx, inserted, 'created', null, { ...fields, manual: true });
    await recordAudit(ctx, trx, {
      action: 'measure.create',
      resourceType: 'measure',
      resourceId: inserted.id,
      organisationId: assessment.organisation_id,
      after: { assessmentId: assessment.id, ...fields },
    });
    return presentMeasure(ctx, record);
  });
}

// --- reading -------------------------------------------------------------------------------------

export async function listMeasures(ctx: RequestContext, filter: MeasureListFilter) {
  const { rows, total } = await findMeasures(ctx.db, readScope(ctx), filter);
  const page = {
    items: rows.map((r) => presentMeasure(ctx, r)),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
  if (!filter.assessmentId) return page;
  // An assessment outside the read scope yields no actions and no hint that it exists.
  const assessment = await findAssessmentById(ctx.db, readScope(ctx), filter.assessmentId);
  return { ...page, assessmentActions: assessment ? assessmentMeasureActions(ctx, assessment) : [] };
}

export async function getMeasure(ctx: RequestContext, id: string) {
  return presentMeasure(ctx, await loadMeasure(ctx, ctx.db, id));
}

export async function getMeasureHistory(ctx: RequestContext, id: string) {
  const measure = await loadMeasure(ctx, ctx.db, id);
  const rows = await ctx.db
    .selectFrom('measure_history')
    .selectAll()
    .where('measure_id', '=', measure.id)
    .where('organisation_id', '=', measure.organisation_id)
    .orderBy('id')
    .execute();
  return {
    organisationId: measure.organisation_id,
    measureId: measure.id,
    items: rows.map((r) => ({
      kind: r.kind,
      previous: r.previous,
      next: r.next,
      changedBy: r.changed_by_label,
      changedAt: new Date(r.changed_at).toISOString(),
    })),
  };
}

// --- changes -------------------------------------------------------------------------------------

const FIELD_COLUMNS = {
  type: 'type',
  title: 'title',
  description: 'description',
  priority: 'priority',
  owner: 'owner',
  dueDate: 'due_date',
  costEstimateCents: 'cost_estimate_cents',
  fundingStage: 'funding_stage',
} as const;

export async function updateMeasure(ctx: RequestContext, id: string, input: MeasurePatchInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadMeasure(ctx, trx, id, true);
    permit(ctx, 'measure.edit', row);
    if (row.status === 'verified') {
      throw new AppError('invalid-state-transition', {
        detail: 'Eine bestätigte (verified) Maßnahme kann nicht mehr geändert werden.',
        extensions: { currentStatus: row.status },
      });
    }
    const current = presentMeasureFields(row);
    const previous: Record<string, unknown> = {};
    const next: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(FIELD_COLUMNS) as [keyof typeof FIELD_COLUMNS, string][]) {
      const value = input[field];
      if (value === undefined) continue;
      const normalised = typeof value === 'string' && value === '' && field !== 'title' ? null : value;
      if (normalised === current[field]) continue;
      previous[field] = current[field];
      next[field] = normalised;
      set[column] = normalised;
    }
    if (Object.keys(next).length > 0) {
      await trx
        .updateTable('measures')
        .set({ ...set, updated_at: new Date(), updated_by: actorUserId(ctx.actor) })
        .where('id', '=', row.id)
        .execute();
      await insertHistory(ctx, trx, row, 'fields', previous, next);
      await recordAudit(ctx, trx, {
        action: 'measure.update',
        resourceType: 'measure',
        resourceId: row.id,
        organisationId: row.organisation_id,
        before: previous,
        after: next,
      });
    }
    return presentMeasure(ctx, (await findMeasureById(trx, readScope(ctx), row.id)) as MeasureRecord);
  });
}

export async function changeMeasureStatus(ctx: RequestContext, id: string, input: StatusInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadMeasure(ctx, trx, id, true);
    permit(ctx, input.status === 'verified' ? 'measure.verify' : 'measure.edit', row);
    if (!TRANSITIONS[row.status].includes(input.status)) {
      throw new AppError('invalid-state-transition', {
        detail: `Der Statuswechsel ${row.status} → ${input.status} ist nicht erlaubt (erlaubt: ${TRANSITIONS[row.status].join(', ') || 'keiner'}).`,
        extensions: { currentStatus: row.status, allowed: TRANSITIONS[row.status] },
      });
    }
    await trx
      .updateTable('measures')
      .set({ status: input.status, updated_at: new Date(), updated_by: actorUserId(ctx.actor) })
      .where('id', '=', row.id)
      .execute();
    await insertHistory(
      ctx,
      trx,
      row,
      'status',
      { status: row.status },
      { status: input.status, ...(input.note ? { note: input.note } : {}) },
    );
    await recordAudit(ctx, trx, {
      action: 'measure.status',
      resourceType: 'measure',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: { status: row.status },
      after: { status: input.status },
    });
    return presentMeasure(ctx, (await findMeasureById(trx, readScope(ctx), row.id)) as MeasureRecord);
  });
}

// --- packages ------------------------------------------------------------------------------------

export interface PackageSnapshot {
  packageId: string;
  version: number;
  organisationId: string;
  organisationName: string;
  assessmentId: string;
  assessmentTitle: string;
  deliveredAt: string;
  deliveredBy: string;
  measures: MeasureFieldsDto[];
}

/** Freezes the assessment's current measures as the Kommune's next package version and delivers it. */
export async function deliverPackage(ctx: RequestContext, assessmentId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const assessment = await loadAssessment(ctx, trx, assessmentId, true);
    permit(ctx, 'measure.deliver', assessment);
    const { rows } = await findMeasures(trx, readScope(ctx), { assessmentId: assessment.id, ...ALL });
    if (rows.length === 0) {
      throw new AppError('invalid-state-transition', {
        detail: 'Die Bewertung hat noch keine Maßnahmen; zuerst Maßnahmen erzeugen.',
      });
    }
    const version = await nextPackageVersion(trx, assessment.organisation_id);
    const id = randomUUID();
    const deliveredAt = new Date();
    const snapshot: PackageSnapshot = {
      packageId: id,
      version,
      organisationId: assessment.organisation_id,
      organisationName: assessment.organisation_name,
      assessmentId: assessment.id,
      assessmentTitle: assessment.title,
      deliveredAt: deliveredAt.toISOString(),
      deliveredBy: actorLabel(ctx.actor),
      measures: rows.map((r) => ({ ...presentMeasureFields(r), packageId: id })),
    };
    await trx
      .insertInto('measure_packages')
      .values({
        id,
        organisation_id: assessment.organisation_id,
        assessment_id: assessment.id,
        version,
        status: 'delivered',
        delivered_at: deliveredAt,
        delivered_by: actorUserId(ctx.actor),
        snapshot: JSON.stringify(snapshot),
        measure_count: rows.length,
        created_by: actorUserId(ctx.actor),
      })
      .execute();
    await trx
      .updateTable('measures')
      .set({ package_id: id })
      .where('assessment_id', '=', assessment.id)
      .where('organisation_id', '=', assessment.organisation_id)
      .execute();
    await recordAudit(ctx, trx, {
      action: 'measure.package.deliver',
      resourceType: 'measure_package',
      resourceId: id,
      organisationId: assessment.organisation_id,
      after: { version, measureCount: rows.length, assessmentId: assessment.id },
    });
    return getPackageIn(ctx, trx, id);
  });
}

async function loadPackage(ctx: RequestContext, db: Executor, id: string) {
  const row = await findPackageById(db, readScope(ctx), id);
  if (!row) throw notFound('Das Maßnahmenpaket');
  return row;
}

async function getPackageIn(ctx: RequestContext, db: Executor, id: string) {
  const row = await loadPackage(ctx, db, id);
  return { ...presentPackage(ctx, row), measures: (row.snapshot as PackageSnapshot).measures };
}

export const getPackage = (ctx: RequestContext, id: string) => getPackageIn(ctx, ctx.db, id);

export async function listPackages(
  ctx: RequestContext,
  filter: { organisationId?: string; assessmentId?: string },
) {
  const rows = await findPackages(ctx.db, readScope(ctx), filter);
  return { items: rows.map((r) => presentPackage(ctx, r)), total: rows.length };
}

/** The snapshot of a delivered package (for the exports). */
export async function packageSnapshot(ctx: RequestContext, id: string): Promise<PackageSnapshot> {
  return (await loadPackage(ctx, ctx.db, id)).snapshot as PackageSnapshot;
}
