/**
 * Assessments: a Kommune answers a catalog, the auditor verifies, the result is frozen.
 *
 *   draft ──submit (isb)──▶ submitted ──verify (auditor)──▶ verified ──freeze (auditor)──▶ frozen
 *     ▲ answers, evidence      │ overrides, samples                                         │
 *     └──────── next phase (on_site / re_assessment) copies the effective answers ◀─────────┘
 *
 * Every function takes the request context first. Objects outside the caller's read scope answer
 * 404, visible ones with a forbidden action 403, the wrong lifecycle state 409
 * (invalid-state-transition). Every write runs in one transaction with its audit record.
 */
import { auditAppendSql, recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { AssessmentPhase, AssessmentStatus, CatalogLevel } from '../../platform/db/schema.ts';
import { AppError, type FieldError, notFound } from '../../platform/errors.ts';
import { assertAnyPermission, assertPermitted, scopeFor } from '../../platform/policy/policy.ts';
import { findOrganisationById } from '../organisations/repository.ts';
import { assertAction, NEXT_PHASES } from './lifecycle.ts';
import {
  exportAssessmentResults,
  type ImportedResults,
  OscalResultsError,
  parseAssessmentResults,
} from './oscal.ts';
import {
  effectiveStatus,
  type Progress,
  presentAnswer,
  presentAnswerWithRequirement,
  presentAssessment,
  presentEvidence,
  presentSample,
} from './presenter.ts';
import {
  type AnswerRecord,
  type AssessmentRecord,
  copyAnswers,
  copyEvidence,
  countProgress,
  findAnswerForSave,
  findAnswers,
  findAnswersByRef,
  findAssessmentById,
  findAssessments,
  findCatalog,
  findCatalogByKey,
  findCatalogRequirements,
  findEvidence,
  findHistory,
  findSampleById,
  findSamples,
  findTopics,
  insertAssessment,
  insertHistory,
  insertOpenAnswers,
  insertSample,
  isUuid,
  saveAnswerValues,
  saveOneAnswerAtOnce,
  setRequirementCount,
  updateAnswer,
  updateAssessmentStatus,
} from './repository.ts';
import type {
  AnswerInput,
  AssessmentDto,
  AssessmentListFilter,
  BulkAnswersInput,
  CreateAssessmentInput,
  ImportInput,
  NextPhaseInput,
  OverrideInput,
  SampleInput,
  SubsetInput,
} from './schemas.ts';
import { SCORE_FORMULA } from './schemas.ts';
import {
  type ChangeSummary,
  compareAnswers,
  type RequirementChange,
  summariseChanges,
  type TopicInfo,
} from './scores.ts';
import { type AssessmentSnapshot, buildSnapshot, NO_TOPIC, snapshotHash } from './snapshot.ts';

const PHASE_LABEL: Record<AssessmentPhase, string> = {
  self: 'Selbstauskunft',
  on_site: 'Prüfung vor Ort',
  re_assessment: 'Wiederholungsprüfung',
};
type StatusChanges = Parameters<typeof updateAssessmentStatus>[3];
const LEVEL_ORDER: readonly CatalogLevel[] = ['basis', 'standard', 'elevated'];
const KOMMUNE_TYPES = new Set(['municipality', 'district']);

// --- shared checks ------------------------------------------------------------------------------

const readScope = (ctx: RequestContext) => scopeFor(ctx, 'assessment.read');

async function loadVisible(
  ctx: RequestContext,
  db: Executor,
  id: string,
  lock?: 'update' | 'share',
): Promise<AssessmentRecord> {
  const row = await findAssessmentById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Die Bewertung');
  return row;
}

function unknownRequirements(
  refs: { ref: string; pointer: string }[],
  row: { catalog_key: string; catalog_version: string },
) {
  const names = refs.map((r) => `„${r.ref}“`).join(', ');
  return new AppError('validation-failed', {
    detail: `${refs.length === 1 ? 'Die Anforderung' : 'Die Anforderungen'} ${names} ${refs.length === 1 ? 'gehört' : 'gehören'} nicht zu dieser Bewertung (Katalog ${row.catalog_key} ${row.catalog_version}).`,
    errors: refs.map((r) => ({ pointer: r.pointer, message: `unbekannte Anforderung „${r.ref}“` })),
  });
}

/** Answers by requirement id or key (ids compare case-insensitively, keys exactly). */
class AnswersByRef {
  private readonly map = new Map<string, AnswerRecord>();
  constructor(answers: AnswerRecord[]) {
    for (const answer of answers) {
      this.map.set(answer.requirement_id, answer);
      this.map.set(answer.requirement_key, answer);
    }
  }
  find(ref: string): AnswerRecord | undefined {
    return this.map.get(ref) ?? (isUuid(ref) ? this.map.get(ref.toLowerCase()) : undefined);
  }
  get(ref: string): AnswerRecord {
    const answer = this.find(ref);
    if (!answer) throw new Error(`unresolved requirement ${ref}`);
    return answer;
  }
}

/** The answer rows for `refs` (id or key), locked when writing; 400 naming every unknown one. */
async function resolveAnswers(
  ctx: RequestContext,
  db: Executor,
  row: AssessmentRecord,
  refs: { ref: string; pointer: string }[],
  lock = true,
): Promise<AnswersByRef> {
  const found = await findAnswersByRef(
    db,
    readScope(ctx),
    row.id,
    [...new Set(refs.map((r) => r.ref))],
    lock,
  );
  const answers = new AnswersByRef(found);
  const unknown = refs.filter((r) => !answers.find(r.ref));
  if (unknown.length > 0) throw unknownRequirements(unknown, row);
  return answers;
}

const answerValue = (a: Pick<AnswerRecord, 'status' | 'justification' | 'responsible'>) => ({
  status: a.status,
  justification: a.justification,
  responsible: a.responsible,
});

async function progressOf(
  ctx: RequestContext,
  db: Executor,
  rows: AssessmentRecord[],
  withTopics: boolean,
): Promise<Map<string, Progress>> {
  const counts = await countProgress(
    db,
    readScope(ctx),
    rows.map((r) => r.id),
  );
  const result = new Map<string, Progress>();
  for (const row of rows) {
    const own = counts.filter((c) => c.assessment_id === row.id);
    const progress: Progress = {
      answered: own.reduce((n, c) => n + Number(c.answered), 0),
      total: own.reduce((n, c) => n + Number(c.total), 0),
    };
    if (withTopics) {
      const topics = await topicsOf(db, row.catalog_id);
      progress.topics = [...topics, NO_TOPIC]
        .map((topic) => {
          const c = own.find((x) => (x.topic_id ?? null) === topic.id);
          return { topic, answered: Number(c?.answered ?? 0), total: Number(c?.total ?? 0) };
        })
        .filter((t) => t.total > 0);
    }
    result.set(row.id, progress);
  }
  return result;
}

async function topicsOf(db: Executor, catalogId: string): Promise<TopicInfo[]> {
  return (await findTopics(db, catalogId)).map((g) => ({
    id: g.id,
    key: g.group_key ?? g.id,
    title: g.title,
  }));
}

async function presentById(
  ctx: RequestContext,
  db: Executor,
  id: string,
  withTopics = true,
): Promise<AssessmentDto> {
  const row = await loadVisible(ctx, db, id);
  return presentAssessment(ctx, row, (await progressOf(ctx, db, [row], withTopics)).get(row.id)!);
}

// --- reading ---------------------------------------------------------------------------------------

export async function listAssessments(ctx: RequestContext, filter: AssessmentListFilter) {
  const scope = assertAnyPermission(ctx, 'assessment.read');
  const { rows, total } = await findAssessments(ctx.db, scope, filter);
  const progress = await progressOf(ctx, ctx.db, rows, false);
  return {
    items: rows.map((row) => presentAssessment(ctx, row, progress.get(row.id)!)),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

/** One assessment with its progress per topic (answered / total). */
export function getAssessment(ctx: RequestContext, id: string): Promise<AssessmentDto> {
  return presentById(ctx, ctx.db, id);
}

/** All answers grouped by topic (or one topic), with the requirement's text and the evidence. */
export async function listAnswers(ctx: RequestContext, id: string, filter: { topicId?: string }) {
  const row = await loadVisible(ctx, ctx.db, id);
  const scope = readScope(ctx);
  const answers = await findAnswers(ctx.db, scope, row.id, filter.topicId);
  const evidence = (await findEvidence(ctx.db, scope, row.id)).map(presentEvidence);
  const topics = await topicsOf(ctx.db, row.catalog_id);
  return {
    organisationId: row.organisation_id,
    assessmentId: row.id,
    topics: [...topics, NO_TOPIC]
      .map((topic) => {
        const own = answers.filter((a) => (a.topic_id ?? null) === topic.id);
        return {
          topic,
          answered: own.filter((a) => a.status !== 'open').length,
          total: own.length,
          answers: own.map((a) =>
            presentAnswerWithRequirement(
              a,
              evidence.filter((e) => e.requirementId === a.requirement_id),
            ),
          ),
        };
      })
      .filter((t) => t.total > 0),
  };
}

export async function getAnswerHistory(ctx: RequestContext, id: string, requirementRef: string) {
  const row = await loadVisible(ctx, ctx.db, id);
  const answers = await resolveAnswers(
    ctx,
    ctx.db,
    row,
    [{ ref: requirementRef, pointer: '/params/requirementId' }],
    false,
  );
  const answer = answers.get(requirementRef);
  const history = await findHistory(ctx.db, readScope(ctx), row.id, answer.requirement_id);
  return {
    organisationId: row.organisation_id,
    assessmentId: row.id,
    requirementId: answer.requirement_id,
    requirementKey: answer.requirement_key,
    items: history.map((h) => ({
      id: h.id,
      kind: h.kind,
      previous: h.previous,
      next: h.next,
      changedBy: { id: h.changed_by, name: h.display_name ?? h.changed_by_label },
      changedAt: h.changed_at.toISOString(),
    })),
  };
}

// --- creating ------------------------------------------------------------------------------------

async function loadKommune(ctx: RequestContext, db: Executor, organisationId: string, pointer: string) {
  const organisation = await findOrganisationById(db, scopeFor(ctx, 'organisation.read'), organisationId);
  if (!organisation) throw notFound('Die Organisation');
  assertPermitted(ctx, 'assessment.create', organisation);
  if (!KOMMUNE_TYPES.has(organisation.type)) {
    throw new AppError('validation-failed', {
      detail:
        'Bewertungen gibt es nur für Kommunen (Gemeinden, Verbandsgemeinden, Landkreise, kreisfreie Städte).',
      errors: [{ pointer, message: 'keine Kommune' }],
    });
  }
  return organisation;
}

async function requireCatalog(db: Executor, catalogId: string) {
  const catalog = await findCatalog(db, catalogId);
  if (!catalog) {
    throw new AppError('validation-failed', {
      detail: 'Der Katalog wurde nicht gefunden.',
      errors: [{ pointer: '/body/catalogId', message: 'unbekannter Katalog' }],
    });
  }
  return catalog;
}

/** Requirement ids for a subset given by id or key; 400 naming every unknown one. */
async function resolveSubset(
  db: Executor,
  catalog: { id: string; key: string; version: string },
  refs: { ref: string; pointer: string }[],
): Promise<string[]> {
  const found = await findCatalogRequirements(
    db,
    catalog.id,
    refs.map((r) => r.ref),
  );
  const known = new Map<string, string>();
  for (const r of found) {
    known.set(r.id, r.id);
    known.set(r.requirement_key, r.id);
  }
  const idOf = (ref: string) => known.get(ref) ?? (isUuid(ref) ? known.get(ref.toLowerCase()) : undefined);
  const unknown = refs.filter((r) => !idOf(r.ref));
  if (unknown.length > 0)
    throw unknownRequirements(unknown, { catalog_key: catalog.key, catalog_version: catalog.version });
  return [...new Set(refs.map((r) => idOf(r.ref)!))];
}

function selectionOf(subset: SubsetInput | undefined, requirementIds: string[] | undefined) {
  if (!subset) return { selection: {}, stored: null };
  if ('level' in subset) {
    const levels = LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(subset.level) + 1);
    return { selection: { levels }, stored: { kind: 'level', level: subset.level } };
  }
  return { selection: { requirementIds }, stored: null };
}

async function storedSubsetKeys(db: Executor, requirementIds: string[]) {
  const rows = await db
    .selectFrom('catalog_requirements')
    .select('requirement_key')
    .where('id', 'in', requirementIds)
    .orderBy('ordinal')
    .execute();
  return { kind: 'requirements', requirementKeys: rows.map((r) => r.requirement_key) };
}

export async function createAssessment(
  ctx: RequestContext,
  input: CreateAssessmentInput,
): Promise<AssessmentDto> {
  const organisation = await loadKommune(ctx, ctx.db, input.organisationId, '/body/organisationId');
  const catalog = await requireCatalog(ctx.db, input.catalogId);
  const requirementIds =
    input.subset && 'requirementIds' in input.subset
      ? await resolveSubset(
          ctx.db,
          catalog,
          input.subset.requirementIds.map((ref, i) => ({ ref, pointer: `/body/subset/requirementIds/${i}` })),
        )
      : undefined;
  const { selection, stored } = selectionOf(input.subset, requirementIds);
  return ctx.db.transaction().execute(async (trx) => {
    const subset = requirementIds ? await storedSubsetKeys(trx, requirementIds) : stored;
    const created = await insertAssessment(trx, {
      organisation_id: organisation.id,
      catalog_id: catalog.id,
      title: input.title ?? `${PHASE_LABEL[input.phase]} ${catalog.title}`.slice(0, 200),
      subset,
      phase: input.phase,
      predecessor_id: null,
      created_by: actorUserId(ctx.actor),
    });
    const count = await insertOpenAnswers(trx, created, selection);
    if (count === 0) {
      throw new AppError('validation-failed', {
        detail: 'Die Auswahl enthält keine Anforderungen.',
        errors: [
          { pointer: input.subset ? '/body/subset' : '/body/catalogId', message: 'keine Anforderungen' },
        ],
      });
    }
    await setRequirementCount(trx, created.id, count);
    await recordAudit(ctx, trx, {
      action: 'assessment.create',
      resourceType: 'assessment',
      resourceId: created.id,
      organisationId: organisation.id,
      after: {
        catalog: `${catalog.key} ${catalog.version}`,
        phase: created.phase,
        subset,
        requirements: count,
      },
    });
    return presentById(ctx, trx, created.id);
  });
}

// --- answering -------------------------------------------------------------------------------------

interface ResolvedAnswer extends AnswerInput {
  answer: AnswerRecord;
  pointer: string;
}

/** Pairs each item with its answer row; 400 when a requirement occurs twice. */
function pairAnswers(
  answers: AnswersByRef,
  items: (AnswerInput & { ref: string; pointer: string })[],
): ResolvedAnswer[] {
  const seen = new Map<string, string>();
  return items.map(({ ref, ...item }) => {
    const answer = answers.get(ref);
    const earlier = seen.get(answer.requirement_id);
    if (earlier) {
      throw new AppError('validation-failed', {
        detail: `Die Anforderung ${answer.requirement_key} kommt mehrfach vor.`,
        errors: [{ pointer: item.pointer, message: `doppelt (auch ${earlier})` }],
      });
    }
    seen.set(answer.requirement_id, item.pointer);
    return { ...item, answer };
  });
}

/**
 * Saves answers of a draft (one statement for answers and history) with one audit record.
 * Omitted justification / responsible keep their value; unchanged answers write nothing.
 */
async function applyAnswers(
  ctx: RequestContext,
  trx: Tx,
  target: { id: string; organisation_id: string },
  items: ResolvedAnswer[],
): Promise<{ answers: AnswerRecord[]; changed: number }> {
  const changes: { answer: AnswerRecord; next: ReturnType<typeof answerValue> }[] = [];
  for (const item of items) {
    const next = {
      status: item.status,
      justification: item.justification === undefined ? item.answer.justification : item.justification,
      responsible: item.responsible === undefined ? item.answer.responsible : item.responsible,
    };
    const previous = answerValue(item.answer);
    const same =
      previous.status === next.status &&
      previous.justification === next.justification &&
      previous.responsible === next.responsible;
    if (!same) changes.push({ answer: item.answer, next });
  }
  if (changes.length === 0) return { answers: items.map((i) => i.answer), changed: 0 };
  const by = { userId: actorUserId(ctx.actor), label: actorLabel(ctx.actor), at: new Date() };
  const name = await saveAnswerValues(
    trx,
    changes.map((c) => ({ id: c.answer.id, previous: answerValue(c.answer), next: c.next })),
    by,
  );
  const single = items.length === 1 ? changes[0]! : null;
  await recordAudit(ctx, trx, {
    action: single ? 'assessment.answer' : 'assessment.answers',
    resourceType: single ? 'assessment_answer' : 'assessment',
    resourceId: single ? single.answer.id : target.id,
    organisationId: target.organisation_id,
    before: single
      ? { requirement: single.answer.requirement_key, ...answerValue(single.answer) }
      : changes.map((c) => ({ requirement: c.answer.requirement_key, ...answerValue(c.answer) })),
    after: single
      ? { requirement: single.answer.requirement_key, ...single.next }
      : changes.map((c) => ({ requirement: c.answer.requirement_key, ...c.next })),
  });
  const saved = new Map(changes.map((c) => [c.answer.id, c.next]));
  return {
    answers: items.map(({ answer }) => {
      const next = saved.get(answer.id);
      return next
        ? { ...answer, ...next, answered_by: by.userId, answered_by_name: name, answered_at: by.at }
        : answer;
    }),
    changed: changes.length,
  };
}

/**
 * Saves one answer while the assessment is a draft (save as you go). The usual case is one
 * statement that checks, writes the answer and its history and appends the audit entry (see
 * saveOneAnswerAtOnce): as an autocommit statement it is its own transaction, atomic like the
 * others and without begin/commit round trips. When it finds nothing to save, the slow path
 * below says why (404 not visible, 403 not permitted, 409 not a draft, 400 unknown requirement).
 */
export async function saveAnswer(
  ctx: RequestContext,
  id: string,
  requirementRef: string,
  input: AnswerInput,
) {
  if (isUuid(id)) {
    const saved = await saveOneAnswerAtOnce(
      ctx.db,
      scopeFor(ctx, 'assessment.answer'),
      id,
      requirementRef,
      input,
      { userId: actorUserId(ctx.actor), label: actorLabel(ctx.actor), at: new Date() },
      (row) =>
        auditAppendSql(ctx, {
          action: 'assessment.answer',
          resourceType: 'assessment_answer',
          resourceId: row.answerId,
          organisationId: row.organisationId,
          before: row.before,
          after: row.after,
        }),
    );
    if (saved) return presentAnswer(saved);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const hit = await findAnswerForSave(trx, readScope(ctx), id, requirementRef);
    const pointer = '/params/requirementId';
    if (!hit) {
      const row = await loadVisible(ctx, trx, id, 'share');
      assertAction(ctx, row, 'answer');
      throw unknownRequirements([{ ref: requirementRef, pointer }], row);
    }
    const target = {
      id,
      organisation_id: hit.organisation_id,
      organisation_ancestor_ids: hit.organisation_ancestor_ids,
    };
    assertAction(ctx, { ...target, status: hit.assessment_status }, 'answer');
    const { answers } = await applyAnswers(ctx, trx, target, [{ ...input, answer: hit, pointer }]);
    return presentAnswer(answers[0]!);
  });
}

/** Saves many answers at once: all or nothing. */
export async function saveAnswers(ctx: RequestContext, id: string, input: BulkAnswersInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, id, 'share');
    assertAction(ctx, row, 'answer');
    const items = input.answers.map(({ requirementId, ...answer }, i) => ({
      ...answer,
      ref: requirementId,
      pointer: `/body/answers/${i}/requirementId`,
    }));
    const resolved = pairAnswers(await resolveAnswers(ctx, trx, row, items), items);
    const { answers, changed } = await applyAnswers(ctx, trx, row, resolved);
    return {
      organisationId: row.organisation_id,
      assessmentId: row.id,
      changed,
      answers: answers.map(presentAnswer),
    };
  });
}

// --- lifecycle -----------------------------------------------------------------------------------

async function transition(
  ctx: RequestContext,
  id: string,
  action: 'submit' | 'verify' | 'freeze',
  to: AssessmentStatus,
  extra: (
    trx: Tx,
    row: AssessmentRecord,
  ) => Promise<{
    changes?: Omit<StatusChanges, 'status'>;
    audit?: Record<string, unknown>;
  }> = async () => ({}),
): Promise<AssessmentDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, id, 'update');
    assertAction(ctx, row, action);
    const { changes, audit } = await extra(trx, row);
    await updateAssessmentStatus(trx, row.id, row.status, { status: to, ...changes });
    await recordAudit(ctx, trx, {
      action: `assessment.${action}`,
      resourceType: 'assessment',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: { status: row.status },
      after: { status: to, ...audit },
    });
    return presentById(ctx, trx, row.id);
  });
}

/** The ISB hands the self-assessment in; the answers become read-only. */
export function submitAssessment(ctx: RequestContext, id: string) {
  return transition(ctx, id, 'submit', 'submitted', async (trx, row) => {
    const [progress] = [...(await progressOf(ctx, trx, [row], false)).values()];
    return {
      changes: { submitted_at: new Date(), submitted_by: actorUserId(ctx.actor) },
      audit: { answered: progress?.answered, total: progress?.total },
    };
  });
}

/** The auditor confirms the (possibly overridden) answers. */
export function verifyAssessment(ctx: RequestContext, id: string) {
  return transition(ctx, id, 'verify', 'verified', async () => ({
    changes: { verified_at: new Date(), verified_by: actorUserId(ctx.actor) },
  }));
}

/** Freezes the verified assessment: the snapshot (answers, evidence, samples, scores) is stored with its hash. */
export function freezeAssessment(ctx: RequestContext, id: string) {
  return transition(ctx, id, 'freeze', 'frozen', async (trx, row) => {
    const frozenAt = new Date();
    const snapshot = await liveSnapshot(ctx, trx, { ...row, status: 'frozen', frozen_at: frozenAt });
    const hash = snapshotHash(snapshot);
    return {
      changes: {
        frozen_at: frozenAt,
        frozen_by: actorUserId(ctx.actor),
        snapshot: JSON.stringify(snapshot),
        snapshot_sha256: hash,
      },
      audit: { snapshotSha256: hash, score: snapshot.scores.overall.score },
    };
  });
}

/** The auditor overrides an answer (with a note) or removes the override (status null). */
export async function overrideAnswer(
  ctx: RequestContext,
  id: string,
  requirementRef: string,
  input: OverrideInput,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, id, 'share');
    assertAction(ctx, row, 'override');
    const answers = await resolveAnswers(ctx, trx, row, [
      { ref: requirementRef, pointer: '/params/requirementId' },
    ]);
    const answer = answers.get(requirementRef);
    const previous = { auditorStatus: answer.auditor_status, auditorNote: answer.auditor_note };
    const next = {
      auditorStatus: input.status,
      auditorNote: input.status === null ? null : (input.note ?? null),
    };
    if (previous.auditorStatus === next.auditorStatus && previous.auditorNote === next.auditorNote) {
      return presentAnswer(answer);
    }
    const now = new Date();
    const userId = actorUserId(ctx.actor);
    const overridden = next.auditorStatus === null ? { by: null, at: null } : { by: userId, at: now };
    await updateAnswer(trx, answer.id, {
      auditor_status: next.auditorStatus,
      auditor_note: next.auditorNote,
      overridden_by: overridden.by,
      overridden_at: overridden.at,
    });
    await insertHistory(trx, [
      {
        organisation_id: row.organisation_id,
        assessment_id: row.id,
        requirement_id: answer.requirement_id,
        kind: 'override',
        previous,
        next,
        changed_by: userId,
        changed_by_label: actorLabel(ctx.actor),
      },
    ]);
    await recordAudit(ctx, trx, {
      action: 'assessment.override',
      resourceType: 'assessment_answer',
      resourceId: answer.id,
      organisationId: row.organisation_id,
      before: { requirement: answer.requirement_key, ...previous },
      after: { requirement: answer.requirement_key, ...next },
    });
    const [updated] = await findAnswersByRef(trx, readScope(ctx), row.id, [answer.requirement_id], false);
    return presentAnswer(updated!);
  });
}

/** A technical sample the auditor took on site, while verifying. */
export async function recordSample(ctx: RequestContext, id: string, input: SampleInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, id, 'share');
    assertAction(ctx, row, 'record_sample');
    const answers = await resolveAnswers(ctx, trx, row, [
      { ref: input.requirementId, pointer: '/body/requirementId' },
    ]);
    const answer = answers.get(input.requirementId);
    const sampleId = await insertSample(trx, {
      organisation_id: row.organisation_id,
      assessment_id: row.id,
      requirement_id: answer.requirement_id,
      description: input.description,
      result: input.result,
      recorded_by: actorUserId(ctx.actor),
    });
    await recordAudit(ctx, trx, {
      action: 'assessment.sample',
      resourceType: 'assessment_sample',
      resourceId: sampleId,
      organisationId: row.organisation_id,
      after: { requirement: answer.requirement_key, description: input.description, result: input.result },
    });
    return presentSample(await findSampleById(trx, readScope(ctx), row.id, sampleId));
  });
}

export async function listSamples(ctx: RequestContext, id: string) {
  const row = await loadVisible(ctx, ctx.db, id);
  const items = await findSamples(ctx.db, readScope(ctx), row.id);
  return { organisationId: row.organisation_id, assessmentId: row.id, items: items.map(presentSample) };
}

/** Starts the next phase from a frozen assessment: same scope, effective answers and evidence carried over. */
export async function startNextPhase(
  ctx: RequestContext,
  id: string,
  input: NextPhaseInput,
): Promise<AssessmentDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, id, 'update');
    assertAction(ctx, row, 'next_phase');
    if (!NEXT_PHASES[row.phase].includes(input.phase)) {
      throw new AppError('invalid-state-transition', {
        detail: `Auf die Phase ${PHASE_LABEL[row.phase]} kann keine ${PHASE_LABEL[input.phase]} folgen.`,
        extensions: { currentPhase: row.phase, allowedPhases: NEXT_PHASES[row.phase] },
      });
    }
    const successor = await trx
      .selectFrom('assessments')
      .select('id')
      .where('predecessor_id', '=', row.id)
      .executeTakeFirst();
    if (successor) {
      throw new AppError('invalid-state-transition', {
        detail: 'Auf diese Bewertung folgt bereits eine neue Phase.',
        extensions: { successorId: successor.id },
      });
    }
    const requirementIds = (
      await trx
        .selectFrom('assessment_answers')
        .select('requirement_id')
        .where('assessment_id', '=', row.id)
        .execute()
    ).map((a) => a.requirement_id);
    const created = await insertAssessment(trx, {
      organisation_id: row.organisation_id,
      catalog_id: row.catalog_id,
      title: input.title ?? `${PHASE_LABEL[input.phase]} ${row.catalog_title}`.slice(0, 200),
      subset: row.subset,
      phase: input.phase,
      predecessor_id: row.id,
      created_by: actorUserId(ctx.actor),
    });
    const count = await insertOpenAnswers(trx, created, { requirementIds });
    await setRequirementCount(trx, created.id, count);
    await copyAnswers(trx, row.id, created.id);
    await copyEvidence(trx, row.id, created.id);
    await recordAudit(ctx, trx, {
      action: 'assessment.next_phase',
      resourceType: 'assessment',
      resourceId: created.id,
      organisationId: row.organisation_id,
      after: { predecessorId: row.id, phase: input.phase, requirements: count },
    });
    return presentById(ctx, trx, created.id);
  });
}

// --- snapshots, scores, comparison, OSCAL ---------------------------------------------------------

/** The snapshot of an assessment as it stands (frozen ones: the stored snapshot). */
async function snapshotOf(
  ctx: RequestContext,
  db: Executor,
  row: AssessmentRecord,
): Promise<AssessmentSnapshot> {
  if (row.status === 'frozen' && row.snapshot) return row.snapshot as unknown as AssessmentSnapshot;
  return liveSnapshot(ctx, db, row);
}

async function liveSnapshot(
  ctx: RequestContext,
  db: Executor,
  row: AssessmentRecord,
): Promise<AssessmentSnapshot> {
  const scope = readScope(ctx);
  const topics = await topicsOf(db, row.catalog_id);
  const topicKey = new Map(topics.map((t) => [t.id, t.key]));
  const answers = await findAnswers(db, scope, row.id);
  const evidence = await findEvidence(db, scope, row.id);
  const samples = await findSamples(db, scope, row.id);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return buildSnapshot({
    assessment: {
      id: row.id,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      ars: row.organisation_ars,
      title: row.title,
      phase: row.phase,
      status: row.status,
      subset: row.subset,
      predecessorId: row.predecessor_id,
      createdAt: row.created_at.toISOString(),
      submittedAt: iso(row.submitted_at),
      submittedBy: row.submitted_by_name,
      verifiedAt: iso(row.verified_at),
      verifiedBy: row.verified_by_name,
      frozenAt: iso(row.frozen_at),
    },
    catalog: {
      id: row.catalog_id,
      key: row.catalog_key,
      version: row.catalog_version,
      title: row.catalog_title,
    },
    topics,
    answers: answers.map((a) => ({
      requirementId: a.requirement_id,
      requirementKey: a.requirement_key,
      title: a.title,
      topicKey: a.topic_id ? (topicKey.get(a.topic_id) ?? a.topic_id) : NO_TOPIC.key,
      status: a.status,
      justification: a.justification,
      responsible: a.responsible,
      answeredBy: a.answered_by_name,
      answeredAt: iso(a.answered_at),
      auditorStatus: a.auditor_status,
      auditorNote: a.auditor_note,
      overriddenBy: a.overridden_by_name,
      overriddenAt: iso(a.overridden_at),
      effectiveStatus: effectiveStatus(a),
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      requirementKey: e.requirement_key,
      sha256: e.sha256,
      size: Number(e.size),
      mediaType: e.media_type,
      originalName: e.original_name,
      uploadedBy: e.uploaded_by_name,
      uploadedAt: e.uploaded_at.toISOString(),
    })),
    samples: samples.map((s) => ({
      id: s.id,
      requirementKey: s.requirement_key,
      description: s.description,
      result: s.result,
      recordedBy: s.recorded_by_name,
      recordedAt: s.recorded_at.toISOString(),
    })),
  });
}

/** Scores per topic and overall (formula in scores.ts and SCORE_FORMULA). */
export async function getScores(ctx: RequestContext, id: string) {
  const row = await loadVisible(ctx, ctx.db, id);
  const { scores } = await snapshotOf(ctx, ctx.db, row);
  return {
    organisationId: row.organisation_id,
    assessmentId: row.id,
    formula: SCORE_FORMULA,
    overall: scores.overall,
    topics: scores.topics,
  };
}

/**
 * Compares assessment `id` (target) with `baseId` (base), requirement by requirement (matched by
 * key), with a summary overall and per topic. Frozen assessments compare by their snapshots.
 */
export async function compareAssessments(ctx: RequestContext, id: string, baseId: string) {
  const targetRow = await loadVisible(ctx, ctx.db, id);
  const baseRow = await loadVisible(ctx, ctx.db, baseId);
  const target = await snapshotOf(ctx, ctx.db, targetRow);
  const base = await snapshotOf(ctx, ctx.db, baseRow);
  const changes = compareAnswers(base.answers, target.answers);
  const topicTitles = new Map<string, string>();
  for (const t of [...base.topics, ...target.topics]) topicTitles.set(t.key, t.title);
  const byTopic = new Map<string, RequirementChange[]>();
  for (const change of changes)
    byTopic.set(change.topicKey, [...(byTopic.get(change.topicKey) ?? []), change]);
  const scoreOfTopic = (snapshot: AssessmentSnapshot, key: string) =>
    snapshot.scores.topics.find((t) => t.topic.key === key)?.score ?? null;
  const side = (row: AssessmentRecord, snapshot: AssessmentSnapshot) => ({
    assessmentId: row.id,
    organisationId: row.organisation_id,
    phase: row.phase,
    status: row.status,
    frozenAt: row.frozen_at?.toISOString() ?? null,
    catalog: { key: row.catalog_key, version: row.catalog_version },
    score: snapshot.scores.overall.score,
  });
  return {
    organisationId: targetRow.organisation_id,
    base: side(baseRow, base),
    target: side(targetRow, target),
    summary: summariseChanges(changes),
    topics: [...byTopic.entries()].map(([key, list]) => ({
      key,
      title: topicTitles.get(key) ?? key,
      baseScore: scoreOfTopic(base, key),
      targetScore: scoreOfTopic(target, key),
      summary: summariseChanges(list) as ChangeSummary,
    })),
    changes,
  };
}

/** OSCAL assessment-results of the assessment (frozen: of its snapshot). */
export async function exportOscal(ctx: RequestContext, id: string) {
  const row = await loadVisible(ctx, ctx.db, id);
  const snapshot = await snapshotOf(ctx, ctx.db, row);
  return exportAssessmentResults(snapshot, {
    evidenceHref: (evidenceId) => `/api/v1/assessments/${row.id}/evidence/${evidenceId}`,
  });
}

/**
 * Creates a draft assessment from an OSCAL assessment-results document: its findings become
 * the answers (the document's effective answers; auditor overrides are not carried into a draft).
 */
export async function importOscal(
  ctx: RequestContext,
  input: ImportInput,
  options: { schemaDir?: string },
): Promise<AssessmentDto> {
  const organisation = await loadKommune(ctx, ctx.db, input.organisationId, '/body/organisationId');
  let parsed: ImportedResults;
  try {
    parsed = parseAssessmentResults(input.document, options);
  } catch (error) {
    if (!(error instanceof OscalResultsError)) throw error;
    const errors: FieldError[] = error.problems.map((p) => ({
      pointer: `/body/document${p.pointer}`,
      message: p.message,
    }));
    throw new AppError('validation-failed', {
      detail: `Das OSCAL-Dokument ist ungültig: ${errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`,
      errors,
    });
  }
  const catalog = input.catalogId
    ? await requireCatalog(ctx.db, input.catalogId)
    : parsed.catalogKey
      ? await findCatalogByKey(ctx.db, parsed.catalogKey, parsed.catalogVersion)
      : undefined;
  if (!catalog) {
    throw new AppError('validation-failed', {
      detail: parsed.catalogKey
        ? `Der Katalog ${parsed.catalogKey} ${parsed.catalogVersion ?? ''} ist nicht vorhanden.`
        : 'Das Dokument nennt keinen Katalog (catalog-key); bitte catalogId angeben.',
      errors: [{ pointer: '/body/catalogId', message: 'Katalog unbekannt' }],
    });
  }
  const answerRefs = parsed.answers.map((a) => ({
    ref: a.requirementKey,
    pointer: `/body/document${a.pointer}/target/target-id`,
  }));
  const subsetRefs = (parsed.subsetKeys ?? []).map((key) => ({
    ref: key,
    pointer: `/body/document${parsed.resultPointer}/reviewed-controls/control-selections`,
  }));
  const ids = await resolveSubset(ctx.db, catalog, [...answerRefs, ...subsetRefs]);
  const idOf = new Map<string, string>();
  const found = await findCatalogRequirements(
    ctx.db,
    catalog.id,
    parsed.answers.map((a) => a.requirementKey),
  );
  for (const r of found) idOf.set(r.requirement_key, r.id);
  const subsetIds = parsed.subsetKeys ? ids : undefined;
  const phase = input.phase ?? parsed.phase ?? 'self';
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertAssessment(trx, {
      organisation_id: organisation.id,
      catalog_id: catalog.id,
      title: (input.title ?? parsed.title).slice(0, 200) || PHASE_LABEL[phase],
      subset: subsetIds ? await storedSubsetKeys(trx, subsetIds) : null,
      phase,
      predecessor_id: null,
      created_by: actorUserId(ctx.actor),
    });
    const count = await insertOpenAnswers(trx, created, subsetIds ? { requirementIds: subsetIds } : {});
    await setRequirementCount(trx, created.id, count);
    const row = await loadVisible(ctx, trx, created.id, 'share');
    const items = parsed.answers
      .filter((a) => a.status !== 'open' || a.justification || a.responsible)
      .map((a) => ({
        ref: idOf.get(a.requirementKey) ?? a.requirementKey,
        pointer: `/body/document${a.pointer}`,
        status: a.status,
        justification: a.justification,
        responsible: a.responsible,
      }));
    const resolved = pairAnswers(await resolveAnswers(ctx, trx, row, items), items);
    const { changed } = await applyAnswers(ctx, trx, row, resolved);
    await recordAudit(ctx, trx, {
      action: 'assessment.import',
      resourceType: 'assessment',
      resourceId: created.id,
      organisationId: organisation.id,
      after: { catalog: `${catalog.key} ${catalog.version}`, phase, requirements: count, answers: changed },
    });
    return presentById(ctx, trx, created.id);
  });
}
