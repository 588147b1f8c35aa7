/**
 * SQL of the assessments domain. Every query on tenant rows takes the caller's `Scope` and puts
 * it into its WHERE clause (`organisationInScope` on the row's own organisation_id), child rows
 * (answers, evidence, samples, history) included, so a forgotten check upstream still leaks nothing.
 * Catalog tables are programme-wide reference data and need no scope.
 */
import { type Expression, type ExpressionBuilder, expressionBuilder, sql } from 'kysely';
import type { SqlText } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import type {
  AnswerStatus,
  AssessmentRow,
  AssessmentStatus,
  CatalogLevel,
  DB,
} from '../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { AssessmentListFilter } from './schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
/** Requirement refs split into ids and keys; a key with NUL cannot exist (and PostgreSQL text refuses it). */
function splitRefs(refs: readonly string[]) {
  return {
    ids: refs.filter(isUuid),
    keys: refs.filter((r) => !isUuid(r) && !r.includes('\u0000')),
  };
}

/** An assessment with what its presentation and the policy checks need. */
export interface AssessmentRecord extends AssessmentRow {
  organisation_name: string;
  organisation_ancestor_ids: string[];
  organisation_type: string;
  organisation_ars: string | null;
  catalog_key: string;
  catalog_version: string;
  catalog_title: string;
  created_by_name: string | null;
  submitted_by_name: string | null;
  verified_by_name: string | null;
}

const personName = (
  eb: ExpressionBuilder<DB, 'assessments'>,
  column: 'created_by' | 'submitted_by' | 'verified_by',
) =>
  eb
    .selectFrom('users')
    .select('users.display_name')
    .whereRef('users.id', '=', `assessments.${column}`)
    .as(`${column}_name`);

function assessmentsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('assessments')
    .innerJoin('organisations', 'organisations.id', 'assessments.organisation_id')
    .innerJoin('catalogs', 'catalogs.id', 'assessments.catalog_id')
    .where((eb) => organisationInScope(eb, eb.ref('assessments.organisation_id'), scope));
}

function selectRecord(query: ReturnType<typeof assessmentsInScope>) {
  return query
    .selectAll('assessments')
    .select((eb) => [
      'organisations.name as organisation_name',
      'organisations.ancestor_ids as organisation_ancestor_ids',
      'organisations.type as organisation_type',
      'organisations.ars as organisation_ars',
      'catalogs.key as catalog_key',
      'catalogs.version as catalog_version',
      'catalogs.title as catalog_title',
      personName(eb, 'created_by'),
      personName(eb, 'submitted_by'),
      personName(eb, 'verified_by'),
    ]);
}

export async function findAssessments(
  db: Executor,
  scope: Scope,
  filter: AssessmentListFilter,
): Promise<{ rows: AssessmentRecord[]; total: number }> {
  let query = assessmentsInScope(db, scope);
  if (filter.organisationId) query = query.where('assessments.organisation_id', '=', filter.organisationId);
  if (filter.status) query = query.where('assessments.status', '=', filter.status);
  if (filter.phase) query = query.where('assessments.phase', '=', filter.phase);
  if (filter.catalogId) query = query.where('assessments.catalog_id', '=', filter.catalogId);
  const [rows, count] = await Promise.all([
    selectRecord(query)
      .orderBy('assessments.created_at', 'desc')
      .orderBy('assessments.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/**
 * One assessment, only if it lies in the scope (else undefined: the caller answers 404).
 * `lock` takes a row lock in the caller's transaction: `update` for transitions, `share` for
 * writes below the assessment (answers) so a transition waits for them and vice versa.
 */
export function findAssessmentById(
  db: Executor,
  scope: Scope,
  id: string,
  lock?: 'update' | 'share',
): Promise<AssessmentRecord | undefined> {
  let query = selectRecord(assessmentsInScope(db, scope).where('assessments.id', '=', id));
  if (lock === 'update') query = query.forUpdate('assessments');
  if (lock === 'share') query = query.forShare('assessments');
  return query.executeTakeFirst();
}

export function insertAssessment(
  db: Executor,
  values: {
    organisation_id: string;
    catalog_id: string;
    title: string;
    subset: Record<string, unknown> | null;
    phase: AssessmentRow['phase'];
    predecessor_id: string | null;
    created_by: string | null;
  },
): Promise<AssessmentRow> {
  return db
    .insertInto('assessments')
    .values({
      ...values,
      subset: values.subset === null ? null : JSON.stringify(values.subset),
      requirement_count: 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setRequirementCount(db: Executor, id: string, count: number): Promise<void> {
  await db.updateTable('assessments').set({ requirement_count: count }).where('id', '=', id).execute();
}

export async function updateAssessmentStatus(
  db: Executor,
  id: string,
  from: AssessmentStatus,
  changes: {
    status: AssessmentStatus;
    submitted_at?: Date;
    submitted_by?: string | null;
    verified_at?: Date;
    verified_by?: string | null;
    frozen_at?: Date;
    frozen_by?: string | null;
    snapshot?: string;
    snapshot_sha256?: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('assessments')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- catalogs (reference data) ----------------------------------------------------------------

export function findCatalog(db: Executor, id: string) {
  return db
    .selectFrom('catalogs')
    .select(['id', 'key', 'version', 'title'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findCatalogByKey(db: Executor, key: string, version: string | undefined) {
  let query = db.selectFrom('catalogs').select(['id', 'key', 'version', 'title']).where('key', '=', key);
  if (version !== undefined) query = query.where('version', '=', version);
  return query.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** Requirements of a catalog named by id or key; returns the ones found (id, key). */
export async function findCatalogRequirements(db: Executor, catalogId: string, refs: readonly string[]) {
  const { ids, keys } = splitRefs(refs);
  if (ids.length + keys.length === 0) return [];
  return db
    .selectFrom('catalog_requirements')
    .select(['id', 'requirement_key'])
    .where('catalog_id', '=', catalogId)
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
        ...(keys.length > 0 ? [eb('requirement_key', 'in', keys)] : []),
      ]),
    )
    .execute();
}

/** Top-level groups (topics) of a catalog in document order. */
export function findTopics(db: Executor, catalogId: string) {
  return db
    .selectFrom('catalog_groups')
    .select(['id', 'group_key', 'title'])
    .where('catalog_id', '=', catalogId)
    .where('parent_id', 'is', null)
    .orderBy('ordinal')
    .execute();
}

/**
 * Creates one open answer per requirement of the catalog in scope (all, the given ids, or those
 * up to a level; requirements without a level count as basis) and returns how many. Each row
 * records its requirement's topic (the top-level group above it).
 */
export async function insertOpenAnswers(
  db: Executor,
  assessment: { id: string; organisation_id: string; catalog_id: string },
  selection: { requirementIds?: string[]; levels?: CatalogLevel[] },
): Promise<number> {
  const requirementFilter = selection.requirementIds
    ? sql`and r.id = any(${selection.requirementIds}::uuid[])`
    : selection.levels
      ? sql`and coalesce(r.level, 'basis') = any(${selection.levels}::text[])`
      : sql``;
  const result = await sql`
    with recursive topic_of as (
      select g.id, g.id as topic_id from catalog_groups g
       where g.catalog_id = ${assessment.catalog_id} and g.parent_id is null
      union all
      select c.id, t.topic_id from catalog_groups c join topic_of t on c.parent_id = t.id
    )
    insert into assessment_answers (organisation_id, assessment_id, requirement_id, topic_id, ordinal)
    select ${assessment.organisation_id}::uuid, ${assessment.id}::uuid, r.id, t.topic_id, r.ordinal
      from catalog_requirements r left join topic_of t on t.id = r.group_id
     where r.catalog_id = ${assessment.catalog_id} ${requirementFilter}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

// --- answers ----------------------------------------------------------------------------------

const answerColumns = (eb: ExpressionBuilder<DB, 'assessment_answers' | 'catalog_requirements'>) => [
  eb
    .selectFrom('users')
    .select('users.display_name')
    .whereRef('users.id', '=', 'assessment_answers.answered_by')
    .as('answered_by_name'),
  eb
    .selectFrom('users')
    .select('users.display_name')
    .whereRef('users.id', '=', 'assessment_answers.overridden_by')
    .as('overridden_by_name'),
];

export interface AnswerRecord {
  id: string;
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  requirement_key: string;
  topic_id: string | null;
  ordinal: number;
  status: AnswerStatus;
  justification: string | null;
  responsible: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  auditor_status: AnswerStatus | null;
  auditor_note: string | null;
  overridden_by: string | null;
  overridden_by_name: string | null;
  overridden_at: Date | null;
}

export interface AnswerWithRequirementRecord extends AnswerRecord {
  title: string;
  title_en: string | null;
  statement: string | null;
  guidance: string | null;
  level: CatalogLevel | null;
  effort: 'low' | 'medium' | 'high' | null;
}

function answersInScope(db: Executor, scope: Scope, assessmentId: string) {
  return db
    .selectFrom('assessment_answers')
    .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
    .where('assessment_answers.assessment_id', '=', assessmentId)
    .where((eb) => organisationInScope(eb, eb.ref('assessment_answers.organisation_id'), scope));
}

/** The answer rows of the given requirements (by id or key); `lock` locks them for update. */
export function findAnswersByRef(
  db: Executor,
  scope: Scope,
  assessmentId: string,
  refs: readonly string[],
  lock: boolean,
): Promise<AnswerRecord[]> {
  const { ids, keys } = splitRefs(refs);
  if (ids.length + keys.length === 0) return Promise.resolve([]);
  const query = answersInScope(db, scope, assessmentId)
    .selectAll('assessment_answers')
    .select('catalog_requirements.requirement_key')
    .select((eb) => answerColumns(eb))
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('assessment_answers.requirement_id', 'in', ids)] : []),
        ...(keys.length > 0 ? [eb('catalog_requirements.requirement_key', 'in', keys)] : []),
      ]),
    );
  return (lock ? query.forUpdate('assessment_answers') : query).execute() as Promise<AnswerRecord[]>;
}

export interface AnswerForSave extends AnswerRecord {
  assessment_status: AssessmentStatus;
  organisation_ancestor_ids: string[];
}

/**
 * The hot path of saving one answer, in one statement: the answer (by requirement id or key)
 * with its assessment's status and organisation, the assessment share-locked (a transition
 * waits) and the answer locked for update. Undefined when any of it is missing or out of scope;
 * the caller then finds out which (404, 403, 409 or 400) the slow way. Names are not needed: in a
 * draft nobody has overridden anything yet, and the saver's name comes back from the update.
 */
export function findAnswerForSave(
  db: Executor,
  scope: Scope,
  assessmentId: string,
  ref: string,
): Promise<AnswerForSave | undefined> {
  const { ids, keys } = splitRefs([ref]);
  if (ids.length + keys.length === 0) return Promise.resolve(undefined);
  // The requirement id is pinned first (an InitPlan over unique indexes), so the answer is one
  // lookup in the unique (assessment_id, requirement_id) index, with or without statistics.
  const requirementId =
    ids.length > 0
      ? sql<string>`${ids[0]!}::uuid`
      : sql<string>`(select r.id from catalog_requirements r
           where r.catalog_id = (select a.catalog_id from assessments a where a.id = ${assessmentId})
             and r.requirement_key = ${keys[0]!})`;
  return db
    .selectFrom('assessment_answers')
    .innerJoin('assessments', 'assessments.id', 'assessment_answers.assessment_id')
    .innerJoin('organisations', 'organisations.id', 'assessments.organisation_id')
    .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
    .selectAll('assessment_answers')
    .select([
      'catalog_requirements.requirement_key',
      'assessments.status as assessment_status',
      'organisations.ancestor_ids as organisation_ancestor_ids',
      sql<null>`null`.as('answered_by_name'),
      sql<null>`null`.as('overridden_by_name'),
    ])
    .where('assessment_answers.assessment_id', '=', assessmentId)
    .where('assessment_answers.requirement_id', '=', requirementId)
    .where((eb) => organisationInScope(eb, eb.ref('assessments.organisation_id'), scope))
    .forShare(['assessments'])
    .forUpdate(['assessment_answers'])
    .executeTakeFirst() as Promise<AnswerForSave | undefined>;
}

/**
 * Saving one answer of a draft as ONE statement (issue 3: 20 writers, p99 < 30 ms; on PGlite every
 * statement is a round trip through the one session, and begin/commit are two more): lock the
 * answer (for update) and its assessment (for share, a transition waits), check that the
 * assessment is a draft within `answerScope` and that the requirement is in it, write the answer
 * if it changed, append the answer history and the audit entry (same statement, so the same
 * transaction), and return the answer. An autocommit statement is atomic: no begin/commit needed.
 * Undefined when anything is missing, out of scope or not a draft: the caller then finds out
 * which (404, 403, 409 or 400) the slow way and writes nothing. The previous value is the locked
 * row's (READ COMMITTED re-reads it after waiting for a concurrent saver), so history and audit
 * record what was really overwritten.
 */
export async function saveOneAnswerAtOnce(
  db: Executor,
  answerScope: Scope,
  assessmentId: string,
  ref: string,
  input: { status: AnswerStatus; justification?: string | null; responsible?: string | null },
  by: { userId: string | null; label: string; at: Date },
  audit: (row: {
    answerId: SqlText;
    organisationId: SqlText;
    before: Record<string, SqlText>;
    after: Record<string, SqlText>;
  }) => Expression<number>,
): Promise<(AnswerRecord & { changed: boolean }) | undefined> {
  const { ids, keys } = splitRefs([ref]);
  if (ids.length + keys.length === 0) return undefined;
  // The requirement id is pinned first (an InitPlan over unique indexes), so the answer is one
  // lookup in the unique (assessment_id, requirement_id) index, with or without statistics.
  const requirementId =
    ids.length > 0
      ? sql<string>`${ids[0]!}::uuid`
      : sql<string>`(select r.id from catalog_requirements r
           where r.catalog_id = (select a.catalog_id from assessments a where a.id = ${assessmentId}::uuid)
             and r.requirement_key = ${keys[0]!})`;
  // Omitted justification / responsible keep their stored value.
  const next = (value: string | null | undefined, column: 'justification' | 'responsible') =>
    value === undefined ? sql.ref(`cur.${column}`) : sql`${value}::text`;
  const column = (name: string) => sql<string | null>`nxt.${sql.raw(name)}`;
  const inScope = organisationInScope(
    expressionBuilder<DB, 'assessments'>(),
    sql.ref('s.organisation_id'),
    answerScope,
  );
  const result = await sql<AnswerRecord & { changed: boolean }>`
    with cur as (
      select a.*, r.requirement_key
        from assessment_answers a
        join assessments s on s.id = a.assessment_id
        join catalog_requirements r on r.id = a.requirement_id
       where a.assessment_id = ${assessmentId}::uuid and a.requirement_id = ${requirementId}
         and s.status = 'draft' and ${inScope}
         for update of a for share of s
    ), nxt as (
      select cur.*, ${input.status}::text as n_status,
             ${next(input.justification, 'justification')} as n_justification,
             ${next(input.responsible, 'responsible')} as n_responsible
        from cur
    ), upd as (
      update assessment_answers a
         set status = nxt.n_status, justification = nxt.n_justification, responsible = nxt.n_responsible,
             answered_by = ${by.userId}::uuid, answered_at = ${by.at}
        from nxt
       where a.assessment_id = ${assessmentId}::uuid and a.requirement_id = nxt.requirement_id
         and (a.status, a.justification, a.responsible)
             is distinct from (nxt.n_status, nxt.n_justification, nxt.n_responsible)
      returning a.*
    ), history as (
      insert into assessment_answer_history
        (organisation_id, assessment_id, requirement_id, kind, previous, next, changed_by, changed_by_label)
      select nxt.organisation_id, nxt.assessment_id, nxt.requirement_id, 'answer',
             jsonb_build_object('status', nxt.status, 'justification', nxt.justification, 'responsible', nxt.responsible),
             jsonb_build_object('status', nxt.n_status, 'justification', nxt.n_justification, 'responsible', nxt.n_responsible),
             ${by.userId}::uuid, ${by.label}
        from nxt join upd on upd.id = nxt.id
    ), audit as (
      select ${audit({
        answerId: sql`nxt.id::text`,
        organisationId: sql`nxt.organisation_id::text`,
        before: {
          requirement: column('requirement_key'),
          status: column('status'),
          justification: column('justification'),
          responsible: column('responsible'),
        },
        after: {
          requirement: column('requirement_key'),
          status: column('n_status'),
          justification: column('n_justification'),
          responsible: column('n_responsible'),
        },
      })} as audit_id
        from nxt join upd on upd.id = nxt.id
    )
    select saved.*, (select u.display_name from users u where u.id = saved.answered_by) as answered_by_name,
           null as overridden_by_name, (select audit_id from audit) is not null as changed
      from (
        select upd.*, cur.requirement_key from upd, cur
        union all
        select * from cur where not exists (select 1 from upd)
      ) saved`.execute(db);
  return result.rows[0];
}

export function findAnswers(
  db: Executor,
  scope: Scope,
  assessmentId: string,
  topicId?: string,
): Promise<AnswerWithRequirementRecord[]> {
  let query = answersInScope(db, scope, assessmentId)
    .selectAll('assessment_answers')
    .select([
      'catalog_requirements.requirement_key',
      'catalog_requirements.title',
      'catalog_requirements.title_en',
      'catalog_requirements.statement',
      'catalog_requirements.guidance',
      'catalog_requirements.level',
      'catalog_requirements.effort',
    ])
    .select((eb) => answerColumns(eb));
  if (topicId) query = query.where('assessment_answers.topic_id', '=', topicId);
  return query.orderBy('assessment_answers.ordinal').execute() as Promise<AnswerWithRequirementRecord[]>;
}

export interface AnswerChanges {
  auditor_status?: AnswerStatus | null;
  auditor_note?: string | null;
  overridden_by?: string | null;
  overridden_at?: Date | null;
}

export async function updateAnswer(db: Executor, id: string, changes: AnswerChanges): Promise<void> {
  await db.updateTable('assessment_answers').set(changes).where('id', '=', id).execute();
}

export interface AnswerValue {
  status: AnswerStatus;
  justification: string | null;
  responsible: string | null;
}

/**
 * Saves answers and their history rows in one statement (any number of answers); returns the
 * saver's display name for the response. `a.id = any(ids)` keeps the update on the primary key
 * (joined to the JSON rows alone, the planner would scan the whole table).
 */
export async function saveAnswerValues(
  db: Executor,
  changes: { id: string; previous: AnswerValue; next: AnswerValue }[],
  by: { userId: string | null; label: string; at: Date },
): Promise<string | null> {
  if (changes.length === 1) return saveOneAnswerValue(db, changes[0]!, by);
  const values = changes.map((c) => ({ id: c.id, ...c.next, previous: c.previous }));
  const result = await sql<{ name: string | null }>`
    with v as (
      select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        as v(id uuid, status text, justification text, responsible text, previous jsonb)
    ), changed as (
      update assessment_answers a
         set status = v.status, justification = v.justification, responsible = v.responsible,
             answered_by = ${by.userId}::uuid, answered_at = ${by.at}
        from v
       where a.id = any(${changes.map((c) => c.id)}::uuid[]) and a.id = v.id
      returning a.organisation_id, a.assessment_id, a.requirement_id, v.previous,
                jsonb_build_object('status', v.status, 'justification', v.justification, 'responsible', v.responsible) as next
    ), history as (
      insert into assessment_answer_history
        (organisation_id, assessment_id, requirement_id, kind, previous, next, changed_by, changed_by_label)
      select organisation_id, assessment_id, requirement_id, 'answer', previous, next, ${by.userId}::uuid, ${by.label}
        from changed
    )
    select (select display_name from users where id = ${by.userId}::uuid) as name`.execute(db);
  return result.rows[0]?.name ?? null;
}

/**
 * The save-as-you-go case: the same writes for one answer in a statement about half as costly to
 * plan as the JSON-recordset form (planning is most of a statement's cost on PGlite).
 */
async function saveOneAnswerValue(
  db: Executor,
  change: { id: string; previous: AnswerValue; next: AnswerValue },
  by: { userId: string | null; label: string; at: Date },
): Promise<string | null> {
  const { next } = change;
  const result = await sql<{ name: string | null }>`
    with changed as (
      update assessment_answers
         set status = ${next.status}, justification = ${next.justification}, responsible = ${next.responsible},
             answered_by = ${by.userId}::uuid, answered_at = ${by.at}
       where id = ${change.id}::uuid
      returning organisation_id, assessment_id, requirement_id
    ), history as (
      insert into assessment_answer_history
        (organisation_id, assessment_id, requirement_id, kind, previous, next, changed_by, changed_by_label)
      select organisation_id, assessment_id, requirement_id, 'answer', ${JSON.stringify(change.previous)}::jsonb,
             ${JSON.stringify(next)}::jsonb, ${by.userId}::uuid, ${by.label}
        from changed
    )
    select (select display_name from users where id = ${by.userId}::uuid) as name`.execute(db);
  return result.rows[0]?.name ?? null;
}

export interface HistoryInsert {
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  kind: 'answer' | 'override';
  previous: Record<string, unknown> | null;
  next: Record<string, unknown>;
  changed_by: string | null;
  changed_by_label: string;
}

export async function insertHistory(db: Executor, rows: readonly HistoryInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('assessment_answer_history')
    .values(
      rows.map((r) => ({
        ...r,
        previous: r.previous === null ? null : JSON.stringify(r.previous),
        next: JSON.stringify(r.next),
      })),
    )
    .execute();
}

export function findHistory(db: Executor, scope: Scope, assessmentId: string, requirementId: string) {
  return db
    .selectFrom('assessment_answer_history')
    .leftJoin('users', 'users.id', 'assessment_answer_history.changed_by')
    .selectAll('assessment_answer_history')
    .select('users.display_name')
    .where('assessment_answer_history.assessment_id', '=', assessmentId)
    .where('assessment_answer_history.requirement_id', '=', requirementId)
    .where((eb) => organisationInScope(eb, eb.ref('assessment_answer_history.organisation_id'), scope))
    .orderBy('assessment_answer_history.id')
    .execute();
}

/** Answered (status other than open) and total per topic, from the Kommune's answers. */
export function countProgress(db: Executor, scope: Scope, assessmentIds: readonly string[]) {
  if (assessmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessment_answers')
    .select((eb) => [
      'assessment_answers.assessment_id',
      'assessment_answers.topic_id',
      eb.fn.countAll<number>().as('total'),
      sql<number>`count(*) filter (where assessment_answers.status <> 'open')`.as('answered'),
    ])
    .where('assessment_answers.assessment_id', 'in', assessmentIds)
    .where((eb) => organisationInScope(eb, eb.ref('assessment_answers.organisation_id'), scope))
    .groupBy(['assessment_answers.assessment_id', 'assessment_answers.topic_id'])
    .execute();
}

/** Copies the effective answers of `from` into the open answer rows of `to` (next phase). */
export async function copyAnswers(db: Executor, from: string, to: string): Promise<void> {
  await sql`
    update assessment_answers t
       set status = coalesce(s.auditor_status, s.status),
           justification = s.justification,
           responsible = s.responsible,
           answered_by = s.answered_by,
           answered_at = s.answered_at
      from assessment_answers s
     where s.assessment_id = ${from} and t.assessment_id = ${to} and t.requirement_id = s.requirement_id`.execute(
    db,
  );
}

// --- evidence ---------------------------------------------------------------------------------

export interface EvidenceRecord {
  id: string;
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  requirement_key: string;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  uploaded_at: Date;
}

function evidenceInScope(db: Executor, scope: Scope, assessmentId: string) {
  return db
    .selectFrom('assessment_evidence')
    .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_evidence.requirement_id')
    .leftJoin('users', 'users.id', 'assessment_evidence.uploaded_by')
    .selectAll('assessment_evidence')
    .select(['catalog_requirements.requirement_key', 'users.display_name as uploaded_by_name'])
    .where('assessment_evidence.assessment_id', '=', assessmentId)
    .where((eb) => organisationInScope(eb, eb.ref('assessment_evidence.organisation_id'), scope));
}

export function findEvidence(
  db: Executor,
  scope: Scope,
  assessmentId: string,
  requirementId?: string,
): Promise<EvidenceRecord[]> {
  let query = evidenceInScope(db, scope, assessmentId);
  if (requirementId) query = query.where('assessment_evidence.requirement_id', '=', requirementId);
  return query
    .orderBy('assessment_evidence.uploaded_at')
    .orderBy('assessment_evidence.id')
    .execute() as Promise<EvidenceRecord[]>;
}

export function findEvidenceById(
  db: Executor,
  scope: Scope,
  assessmentId: string,
  evidenceId: string,
): Promise<EvidenceRecord | undefined> {
  return evidenceInScope(db, scope, assessmentId)
    .where('assessment_evidence.id', '=', evidenceId)
    .executeTakeFirst() as Promise<EvidenceRecord | undefined>;
}

/** Inserts an evidence row; returns its id and whether it is new (same file on same answer: existing). */
export async function insertEvidence(
  db: Executor,
  values: {
    organisation_id: string;
    assessment_id: string;
    requirement_id: string;
    sha256: string;
    size: number;
    media_type: string;
    original_name: string;
    uploaded_by: string | null;
  },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('assessment_evidence')
    .values(values)
    .onConflict((oc) => oc.columns(['assessment_id', 'requirement_id', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('assessment_evidence')
    .select('id')
    .where('assessment_id', '=', values.assessment_id)
    .where('requirement_id', '=', values.requirement_id)
    .where('sha256', '=', values.sha256)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function deleteEvidence(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('assessment_evidence').where('id', '=', id).execute();
}

/** Carries the evidence rows of `from` over to `to` (next phase); the files are shared. */
export async function copyEvidence(db: Executor, from: string, to: string): Promise<void> {
  await sql`
    insert into assessment_evidence
      (organisation_id, assessment_id, requirement_id, sha256, size, media_type, original_name, uploaded_by, uploaded_at)
    select organisation_id, ${to}::uuid, requirement_id, sha256, size, media_type, original_name, uploaded_by, uploaded_at
      from assessment_evidence where assessment_id = ${from}`.execute(db);
}

// --- samples ----------------------------------------------------------------------------------

export interface SampleRecord {
  id: string;
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  requirement_key: string;
  description: string;
  result: 'passed' | 'failed' | 'inconclusive';
  recorded_by: string | null;
  recorded_by_name: string | null;
  recorded_at: Date;
}

function samplesInScope(db: Executor, scope: Scope, assessmentId: string) {
  return db
    .selectFrom('assessment_samples')
    .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_samples.requirement_id')
    .leftJoin('users', 'users.id', 'assessment_samples.recorded_by')
    .selectAll('assessment_samples')
    .select(['catalog_requirements.requirement_key', 'users.display_name as recorded_by_name'])
    .where('assessment_samples.assessment_id', '=', assessmentId)
    .where((eb) => organisationInScope(eb, eb.ref('assessment_samples.organisation_id'), scope));
}

export function findSamples(db: Executor, scope: Scope, assessmentId: string): Promise<SampleRecord[]> {
  return samplesInScope(db, scope, assessmentId)
    .orderBy('assessment_samples.recorded_at')
    .orderBy('assessment_samples.id')
    .execute() as Promise<SampleRecord[]>;
}

export function findSampleById(db: Executor, scope: Scope, assessmentId: string, id: string) {
  return samplesInScope(db, scope, assessmentId)
    .where('assessment_samples.id', '=', id)
    .executeTakeFirstOrThrow() as Promise<SampleRecord>;
}

export async function insertSample(
  db: Executor,
  values: {
    organisation_id: string;
    assessment_id: string;
    requirement_id: string;
    description: string;
    result: 'passed' | 'failed' | 'inconclusive';
    recorded_by: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('assessment_samples')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
