/**
 * SQL of the measures domain. Every query on tenant rows takes the caller's `Scope` and puts it
 * into its WHERE clause on the row's own organisation_id. Catalog tables need no scope.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { MeasureSource, MeasureStatus, MeasureType } from '../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { MeasureListFilter } from './schemas.ts';

export interface MeasureRecord {
  id: string;
  organisation_id: string;
  organisation_ancestor_ids: string[];
  assessment_id: string;
  package_id: string | null;
  sources: MeasureSource[];
  generation_key: string | null;
  type: MeasureType;
  title: string;
  description: string | null;
  priority: number;
  owner: string | null;
  due_date: string | null;
  status: MeasureStatus;
  cost_estimate_cents: number | null;
  funding_stage: 1 | 2 | null;
  created_at: Date;
  updated_at: Date;
}

function measuresInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('measures')
    .innerJoin('organisations', 'organisations.id', 'measures.organisation_id')
    .where((eb) => organisationInScope(eb, eb.ref('measures.organisation_id'), scope));
}

function selectRecord(query: ReturnType<typeof measuresInScope>) {
  return query.select([
    'measures.id',
    'measures.organisation_id',
    'organisations.ancestor_ids as organisation_ancestor_ids',
    'measures.assessment_id',
    'measures.package_id',
    'measures.sources',
    'measures.generation_key',
    'measures.type',
    'measures.title',
    'measures.description',
    'measures.priority',
    'measures.owner',
    sql<string | null>`measures.due_date::text`.as('due_date'),
    'measures.status',
    sql<number | null>`measures.cost_estimate_cents::float8`.as('cost_estimate_cents'),
    'measures.funding_stage',
    'measures.created_at',
    'measures.updated_at',
  ]);
}

export async function findMeasures(
  db: Executor,
  scope: Scope,
  filter: Partial<MeasureListFilter> & { limit: number; offset: number },
): Promise<{ rows: MeasureRecord[]; total: number }> {
  let query = measuresInScope(db, scope);
  if (filter.organisationId) query = query.where('measures.organisation_id', '=', filter.organisationId);
  if (filter.assessmentId) query = query.where('measures.assessment_id', '=', filter.assessmentId);
  if (filter.status) query = query.where('measures.status', '=', filter.status);
  if (filter.type) query = query.where('measures.type', '=', filter.type);
  if (filter.priority) query = query.where('measures.priority', '=', filter.priority);
  const [rows, count] = await Promise.all([
    selectRecord(query)
      .orderBy('measures.priority')
      .orderBy('measures.created_at')
      .orderBy('measures.title')
      .orderBy('measures.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as MeasureRecord[], total: Number(count.total) };
}

export async function findMeasureById(
  db: Executor,
  scope: Scope,
  id: string,
  lock = false,
): Promise<MeasureRecord | undefined> {
  let query = selectRecord(measuresInScope(db, scope).where('measures.id', '=', id));
  if (lock) query = query.forUpdate('measures');
  return (await query.executeTakeFirst()) as MeasureRecord | undefined;
}

/** Generation keys of the assessment's measures (for idempotent regeneration). */
export async function findGenerationKeys(db: Executor, scope: Scope, assessmentId: string) {
  const rows = await db
    .selectFrom('measures')
    .select('generation_key')
    .where('assessment_id', '=', assessmentId)
    .where((eb) => organisationInScope(eb, eb.ref('measures.organisation_id'), scope))
    .execute();
  return new Set(rows.map((r) => r.generation_key).filter((k): k is string => k !== null));
}

export interface GapTemplate {
  requirement_id: string;
  requirement_key: string;
  level: string | null;
  effort: string | null;
  template_id: string;
  template_key: string;
  type: MeasureType;
  title: string;
  description: string | null;
}

/** Templates of every requirement whose effective answer (auditor override first) is no or partial. */
export function findGapTemplates(db: Executor, scope: Scope, assessmentId: string): Promise<GapTemplate[]> {
  return db
    .selectFrom('assessment_answers')
    .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
    .innerJoin('measure_templates', 'measure_templates.requirement_id', 'catalog_requirements.id')
    .where('assessment_answers.assessment_id', '=', assessmentId)
    .where((eb) => organisationInScope(eb, eb.ref('assessment_answers.organisation_id'), scope))
    .where(
      sql<boolean>`coalesce(assessment_answers.auditor_status, assessment_answers.status) in ('no', 'partial')`,
    )
    .select([
      'catalog_requirements.id as requirement_id',
      'catalog_requirements.requirement_key',
      'catalog_requirements.level',
      'catalog_requirements.effort',
      'measure_templates.id as template_id',
      'measure_templates.template_key',
      'measure_templates.type',
      'measure_templates.title',
      'measure_templates.description',
    ])
    .orderBy('assessment_answers.ordinal')
    .orderBy('measure_templates.position')
    .orderBy('measure_templates.template_key')
    .execute();
}

export interface PackageRecord {
  id: string;
  organisation_id: string;
  organisation_ancestor_ids: string[];
  assessment_id: string;
  version: number;
  status: 'draft' | 'delivered';
  delivered_at: Date | null;
  delivered_by_name: string | null;
  measure_count: number;
  snapshot: unknown;
}

function packagesInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('measure_packages')
    .innerJoin('organisations', 'organisations.id', 'measure_packages.organisation_id')
    .where((eb) => organisationInScope(eb, eb.ref('measure_packages.organisation_id'), scope))
    .select((eb) => [
      'measure_packages.id',
      'measure_packages.organisation_id',
      'organisations.ancestor_ids as organisation_ancestor_ids',
      'measure_packages.assessment_id',
      'measure_packages.version',
      'measure_packages.status',
      'measure_packages.delivered_at',
      'measure_packages.measure_count',
      'measure_packages.snapshot',
      eb
        .selectFrom('users')
        .select('users.display_name')
        .whereRef('users.id', '=', 'measure_packages.delivered_by')
        .as('delivered_by_name'),
    ]);
}

export async function findPackages(
  db: Executor,
  scope: Scope,
  filter: { organisationId?: string; assessmentId?: string },
): Promise<PackageRecord[]> {
  let query = packagesInScope(db, scope);
  if (filter.organisationId)
    query = query.where('measure_packages.organisation_id', '=', filter.organisationId);
  if (filter.assessmentId) query = query.where('measure_packages.assessment_id', '=', filter.assessmentId);
  return (await query
    .orderBy('measure_packages.organisation_id')
    .orderBy('measure_packages.version', 'desc')
    .execute()) as PackageRecord[];
}

export async function findPackageById(db: Executor, scope: Scope, id: string) {
  return (await packagesInScope(db, scope).where('measure_packages.id', '=', id).executeTakeFirst()) as
    | PackageRecord
    | undefined;
}

/** The next package version of the organisation (locks its packages against a concurrent delivery). */
export async function nextPackageVersion(db: Executor, organisationId: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`measure-package:${organisationId}`}))`.execute(db);
  const row = await db
    .selectFrom('measure_packages')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}
