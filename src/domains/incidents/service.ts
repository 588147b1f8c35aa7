/**
 * Incident reports: a Kommune reports to its state's CERT in versioned submissions (early warning,
 * notification, intermediate and final report); the CERT works the case (status, assignee, tasks,
 * internal notes, advisory links, requests for information back to the Kommune).
 *
 * Two gates on every read: the role scope (`incident.read`, platform/policy) decides whose reports
 * a person may see at all; the report's TLP label (platform/tlp) whether this person may read this
 * one. Owner in TLP terms is the CERT organisation, originator the reporting Kommune; RED goes only
 * to the named people. A report outside the scope or the label answers 404, a forbidden action
 * 403, a step the report's state does not allow 409. Lists show reports the role may know of but
 * the label hides as redacted stubs (the ministry sees that an incident happened, DESIGN journey 6).
 *
 * Audit entries carry ids, kinds and states, never report text: the audit log is readable by the
 * Kommune's ISB and by the ministry, who may not be cleared for the label. Entries about the
 * CERT's internal work (tasks, notes, links, assignment) are filed under the CERT organisation.
 */
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { IncidentCaseStatus } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import {
  isEmptyScope,
  type Permission,
  type Scope,
  scopeFor,
  scopeIncludes,
} from '../../platform/policy/policy.ts';
import { mayRead, type TlpLabelledObject, type TlpRecipient } from '../../platform/tlp/tlp.ts';
import { loadReadableAdvisory } from '../advisories/service.ts';
import { addOneMonthBerlin, DEADLINE_RULE } from './deadlines.ts';
import { incidentJson, incidentMisp, type SubmissionExport } from './exports.ts';
import {
  isOverdue,
  iso,
  isoOrNull,
  presentDeadlines,
  presentInfoRequest,
  presentReport,
  presentSubmissionSummary,
  presentSummary,
} from './presenter.ts';
import {
  findAdvisoryLinks,
  findIncidentById,
  findIncidents,
  findInfoRequests,
  findNotes,
  findSubmissions,
  findTasks,
  type IncidentRecord,
  nextReference,
  unsafeFindMembers,
  unsafeFindStateCert,
} from './repository.ts';
import type {
  CasePatchInput,
  CreateIncidentInput,
  IncidentDto,
  IncidentListFilter,
  ReportInput,
  SubmissionInput,
} from './schemas.ts';

const readScope = (ctx: RequestContext) => scopeFor(ctx, 'incident.read');

const holds = (ctx: RequestContext, permission: Permission, r: IncidentRecord) =>
  scopeIncludes(scopeFor(ctx, permission), {
    id: r.organisation_id,
    ancestor_ids: r.organisation_ancestor_ids,
  });

function permit(ctx: RequestContext, permission: Permission, r: IncidentRecord) {
  if (!holds(ctx, permission, r)) throw new AppError('forbidden');
}

/**
 * The viewer as TLP sees them. Incident reports are never passed on to further organisations
 * (no sharing list), so a membership's state and ancestors do not matter here.
 */
function recipientOf(ctx: RequestContext): TlpRecipient | null {
  if (ctx.actor.kind !== 'user') return null;
  return {
    userId: ctx.actor.userId,
    memberships: ctx.memberships.map((m) => ({
      organisationId: m.organisationId,
      stateId: null,
      role: m.role,
    })),
  };
}

function labelled(
  r: { tlp: IncidentRecord['tlp']; named: string[] },
  record: IncidentRecord,
): TlpLabelledObject {
  return {
    label: r.tlp,
    ownerOrganisationId: record.cert_organisation_id,
    ownerStateId: record.cert_state_id,
    originatorOrganisationId: record.organisation_id,
    namedRecipientUserIds: r.named,
    sharedWithOrganisationIds: [],
  };
}

// The system actor (CLI, jobs) is not a TLP recipient either; it works with the label it is given.
const readable = (ctx: RequestContext, r: IncidentRecord) =>
  ctx.actor.kind === 'system' ||
  mayRead(labelled({ tlp: r.tlp, named: r.named_recipient_user_ids }, r), recipientOf(ctx));

async function load(ctx: RequestContext, db: Executor, id: string, lock = false): Promise<IncidentRecord> {
  const row = await findIncidentById(db, readScope(ctx), id, lock);
  if (!row || !readable(ctx, row)) throw notFound('Der Vorfallbericht');
  return row;
}

type Viewer = IncidentDto['viewer'];
function viewerOf(ctx: RequestContext, r: IncidentRecord): Viewer {
  if (ctx.actor.kind === 'system' || holds(ctx, 'incident.handle', r)) return 'cert';
  if (holds(ctx, 'incident.report', r)) return 'kommune';
  return 'reader';
}

const validation = (pointer: string, message: string) =>
  new AppError('validation-failed', { detail: `${pointer}: ${message}`, errors: [{ pointer, message }] });
const conflict = (detail: string, extensions: Record<string, unknown> = {}) =>
  new AppError('invalid-state-transition', { detail, extensions });

/** The data-protection authority of the Kommune's state; Sachsen-Anhalt (ARS 15…) by name. */
function dataProtectionAuthority(ars: string | null): string {
  return ars?.startsWith('15')
    ? 'Landesbeauftragter für den Datenschutz Sachsen-Anhalt'
    : 'die Datenschutzaufsichtsbehörde des Landes';
}

function dataProtectionOf(r: IncidentRecord, report: ReportInput | ReturnType<typeof presentReport>) {
  if (!report.personalData) return null;
  const authority = dataProtectionAuthority(r.organisation_ars);
  return {
    authority,
    dueAt: new Date(new Date(r.aware_at).getTime() + 72 * 3_600_000).toISOString(),
    reminder: `Personenbezogene Daten sind betroffen: Die Meldung an das CERT ersetzt nicht die Meldung an die Datenschutzaufsicht. Melden Sie die Verletzung gesondert an: ${authority}, binnen 72 Stunden nach Bekanntwerden (Art. 33 DSGVO); beteiligen Sie Ihre Datenschutzbeauftragte bzw. Ihren Datenschutzbeauftragten.`,
    reminderEn: `Personal data is affected: reporting to the CERT does not replace the notification of the data-protection authority. Notify ${authority} separately within 72 hours of becoming aware (Art. 33 GDPR).`,
  };
}

// --- reading ---------------------------------------------------------------------------------------

async function present(ctx: RequestContext, db: Executor, r: IncidentRecord): Promise<IncidentDto> {
  const scope = readScope(ctx);
  const now = new Date();
  const viewer = viewerOf(ctx, r);
  const [submissions, requests] = await Promise.all([
    findSubmissions(db, scope, r.id),
    findInfoRequests(db, scope, r.id),
  ]);
  const report = presentReport(r.report);
  const internal =
    viewer === 'cert'
      ? await Promise.all([
          findTasks(db, scope, r.id),
          findNotes(db, scope, r.id),
          findAdvisoryLinks(db, scope, r.id),
        ])
      : null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    certOrganisationId: r.cert_organisation_id,
    certOrganisationName: r.cert_organisation_name,
    reference: r.reference,
    viewer,
    report,
    latestVersion: r.latest_version,
    overdue: isOverdue(r, now),
    deadlines: presentDeadlines(r, now),
    deadlineRule: DEADLINE_RULE,
    submissions: submissions.map(presentSubmissionSummary),
    case: {
      status: r.case_status,
      closedAt: isoOrNull(r.case_closed_at),
      assignee: r.case_assignee_user_id
        ? { id: r.case_assignee_user_id, name: r.case_assignee_name ?? 'CERT' }
        : null,
      intermediateRequest:
        r.intermediate_requested_at && r.intermediate_due_at
          ? {
              requestedAt: iso(r.intermediate_requested_at),
              dueAt: iso(r.intermediate_due_at),
              submittedAt: isoOrNull(r.intermediate_submitted_at),
            }
          : null,
      ...(internal
        ? {
            tasks: internal[0].map((t) => ({
              id: t.id,
              title: t.title,
              done: t.done,
              doneAt: isoOrNull(t.done_at),
              createdAt: iso(t.created_at),
            })),
            notes: internal[1].map((n) => ({
              id: n.id,
              text: n.text,
              author: n.author,
              createdAt: iso(n.created_at),
            })),
            advisoryIds: internal[2],
          }
        : {}),
    },
    requests: requests.map((q) => presentInfoRequest(q, now)),
    dataProtection: dataProtectionOf(r, report),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listIncidents(ctx: RequestContext, filter: IncidentListFilter) {
  const now = new Date();
  const scope = readScope(ctx);
  if (filter.overdue !== undefined) {
    // Whether a deadline passed is content: only reports the viewer may read take part, so the
    // filter cannot reveal anything about labelled-away reports. Few reports match; page in memory.
    const { rows } = await findIncidents(ctx.db, scope, { ...filter, limit: 100_000, offset: 0 });
    const visible = rows.filter((r) => readable(ctx, r));
    return {
      items: visible
        .slice(filter.offset, filter.offset + filter.limit)
        .map((r) => presentSummary(r, true, now)),
      total: visible.length,
      limit: filter.limit,
      offset: filter.offset,
    };
  }
  const { rows, total } = await findIncidents(ctx.db, scope, filter);
  return {
    items: rows.map((r) => presentSummary(r, readable(ctx, r), now)),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function getIncident(ctx: RequestContext, id: string) {
  return present(ctx, ctx.db, await load(ctx, ctx.db, id));
}

/** One submitted version; it must be readable both under the report's label and its own. */
export async function getSubmission(ctx: RequestContext, id: string, version: number) {
  const r = await load(ctx, ctx.db, id);
  const [s] = await findSubmissions(ctx.db, readScope(ctx), r.id, version);
  if (!s) throw notFound('Die Version');
  const report = presentReport(s.report);
  if (
    ctx.actor.kind !== 'system' &&
    !mayRead(labelled({ tlp: s.tlp, named: report.namedRecipientUserIds }, r), recipientOf(ctx))
  )
    throw notFound('Die Version');
  return { ...presentSubmissionSummary(s), incidentId: r.id, organisationId: r.organisation_id, report };
}

export async function exportIncidentJson(ctx: RequestContext, id: string) {
  const r = await load(ctx, ctx.db, id);
  const incident = await present(ctx, ctx.db, r);
  const versions = await findSubmissions(ctx.db, readScope(ctx), r.id);
  const submissions: SubmissionExport[] = [];
  for (const s of versions) {
    const report = presentReport(s.report);
    const visible =
      ctx.actor.kind === 'system' ||
      mayRead(labelled({ tlp: s.tlp, named: report.namedRecipientUserIds }, r), recipientOf(ctx));
    if (!visible) continue;
    submissions.push({ ...presentSubmissionSummary(s), report });
  }
  return { reference: r.reference, document: incidentJson(incident, submissions, new Date()) };
}

export async function exportIncidentMisp(ctx: RequestContext, id: string) {
  const r = await load(ctx, ctx.db, id);
  return { reference: r.reference, document: incidentMisp(await present(ctx, ctx.db, r)) };
}

/** Whom a Kommune may name for TLP:RED: its own people and the state CERT's analysts. */
export async function listRecipients(ctx: RequestContext, organisationId: string | undefined) {
  const organisation = await reportingOrganisation(ctx, ctx.db, organisationId);
  const cert = await stateCertOf(ctx.db, organisation);
  const people = await unsafeFindMembers(ctx.db, [organisation.id, cert.id], ['isb', 'member', 'cert']);
  const seen = new Set<string>();
  return {
    organisationId: organisation.id,
    certOrganisationId: cert.id,
    certOrganisationName: cert.name,
    people: people
      .filter((p) => (p.organisation_id === cert.id ? p.role === 'cert' : p.role !== 'cert'))
      .filter((p) => !seen.has(p.id) && seen.add(p.id))
      .map((p) => ({
        id: p.id,
        name: p.display_name,
        organisation: p.organisation_id === cert.id ? ('cert' as const) : ('kommune' as const),
      })),
  };
}

// --- reporting (Kommune) -------------------------------------------------------------------------

async function reportingOrganisation(ctx: RequestContext, db: Executor, organisationId: string | undefined) {
  const scope: Scope = scopeFor(ctx, 'incident.report');
  let id = organisationId;
  if (!id) {
    if (isEmptyScope(scope))
      throw new AppError('forbidden', { detail: 'Sie dürfen keine Sicherheitsvorfälle melden.' });
    if (scope.all || scope.subtreeRootIds.length > 0 || scope.organisationIds.length !== 1) {
      throw validation('/body/organisationId', 'Bitte die meldende Kommune angeben (organisationId).');
    }
    id = scope.organisationIds[0]!;
  }
  const organisation = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'ars', 'type', 'ancestor_ids'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!organisation || !scopeIncludes(scope, organisation)) {
    const visible = organisation && scopeIncludes(readScope(ctx), organisation);
    if (visible) throw new AppError('forbidden', { detail: 'Sie dürfen für diese Kommune nicht melden.' });
    throw notFound('Die Kommune');
  }
  return organisation;
}

async function stateCertOf(db: Executor, organisation: { ancestor_ids: string[] }) {
  const cert = await unsafeFindStateCert(db, organisation);
  if (!cert) {
    throw new AppError('conflict', {
      detail: 'Für das Land dieser Kommune ist kein CERT eingerichtet; eine Meldung ist noch nicht möglich.',
    });
  }
  return cert;
}

/**
 * TLP:RED goes only to named people: they must belong to the Kommune or its CERT, at least one
 * CERT analyst must be among them (else the report reaches no one who can act), and the person
 * reporting is always named. Other labels name no one.
 */
async function namedRecipients(
  ctx: RequestContext,
  db: Executor,
  report: ReportInput,
  organisationId: string,
  certId: string,
): Promise<string[]> {
  const pointer = '/body/report/namedRecipientUserIds';
  if (report.tlp !== 'RED') {
    if (report.namedRecipientUserIds.length > 0)
      throw validation(pointer, 'Personen werden nur bei TLP:RED benannt.');
    return [];
  }
  const named = new Set(report.namedRecipientUserIds);
  const reporter = actorUserId(ctx.actor);
  if (reporter) named.add(reporter);
  const members = await unsafeFindMembers(db, [organisationId, certId], ['isb', 'member', 'cert']);
  const allowed = new Set(
    members
      .filter((m) => (m.organisation_id === certId ? m.role === 'cert' : m.role !== 'cert'))
      .map((m) => m.id),
  );
  const strangers = [...named].filter((id) => !allowed.has(id));
  if (strangers.length > 0)
    throw validation(
      pointer,
      'Benannt werden können nur Personen der meldenden Kommune und des Landes-CERT.',
    );
  const certPeople = new Set(
    members.filter((m) => m.organisation_id === certId && m.role === 'cert').map((m) => m.id),
  );
  if (![...named].some((id) => certPeople.has(id)))
    throw validation(
      pointer,
      'Bei TLP:RED muss mindestens eine Person des CERT benannt sein, sonst erreicht die Meldung niemanden.',
    );
  return [...named].sort();
}

/** Identical observables (same type and normalised value) are kept once, the first wins. */
function normaliseReport(report: ReportInput, named: string[]): ReportInput {
  const seen = new Set<string>();
  const observables = report.observables.filter((o) => {
    const key = `${o.type}\u0000${o.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...report, observables, namedRecipientUserIds: named };
}

function reportColumns(report: ReportInput) {
  return {
    report: JSON.stringify(report),
    title: report.title,
    category: report.category,
    tlp: report.tlp,
    pap: report.pap,
    named_recipient_user_ids: report.namedRecipientUserIds,
    started_at: report.startedAt === null ? null : new Date(report.startedAt),
    detected_at: new Date(report.detectedAt),
    aware_at: new Date(report.awareAt),
    personal_data: report.personalData,
  };
}

async function insertSubmission(
  ctx: RequestContext,
  trx: Tx,
  r: { id: string; organisation_id: string },
  version: number,
  kind: SubmissionInput['kind'],
  report: ReportInput,
  at: Date,
) {
  await trx
    .insertInto('incident_submissions')
    .values({
      organisation_id: r.organisation_id,
      incident_id: r.id,
      version,
      kind,
      report: JSON.stringify(report),
      tlp: report.tlp,
      submitted_by: actorUserId(ctx.actor),
      submitted_by_label: actorLabel(ctx.actor),
      submitted_at: at,
    })
    .execute();
}

export async function createIncident(ctx: RequestContext, input: CreateIncidentInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await reportingOrganisation(ctx, trx, input.organisationId);
    const cert = await stateCertOf(trx, organisation);
    const named = await namedRecipients(ctx, trx, input.report, organisation.id, cert.id);
    const report = normaliseReport(input.report, named);
    const now = new Date();
    const reference = await nextReference(trx, cert.id, now.getUTCFullYear());
    const inserted = await trx
      .insertInto('incident_reports')
      .values({
        organisation_id: organisation.id,
        cert_organisation_id: cert.id,
        reference,
        ...reportColumns(report),
        latest_version: 1,
        early_warning_submitted_at: input.kind === 'early_warning' ? now : null,
        notification_submitted_at: input.kind === 'notification' ? now : null,
        final_due_at: input.kind === 'notification' ? addOneMonthBerlin(now) : null,
        final_submitted_at: null,
        case_assignee_user_id: null,
        intermediate_requested_at: null,
        intermediate_due_at: null,
        intermediate_submitted_at: null,
        case_closed_at: null,
        created_by: actorUserId(ctx.actor),
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'organisation_id'])
      .executeTakeFirstOrThrow();
    await insertSubmission(ctx, trx, inserted, 1, input.kind, report, now);
    await recordAudit(ctx, trx, {
      action: 'incident.report',
      resourceType: 'incident',
      resourceId: inserted.id,
      organisationId: organisation.id,
      after: { reference, version: 1, kind: input.kind, tlp: report.tlp, certOrganisationId: cert.id },
    });
    return present(ctx, trx, await load(ctx, trx, inserted.id));
  });
}

export async function submitIncident(ctx: RequestContext, id: string, input: SubmissionInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await load(ctx, trx, id, true);
    permit(ctx, 'incident.report', r);
    const state = { currentVersion: r.latest_version, kind: input.kind };
    if (r.final_submitted_at)
      throw conflict('Nach dem Abschlussbericht sind keine weiteren Einreichungen möglich.', state);
    if (input.kind === 'early_warning' && (r.early_warning_submitted_at || r.notification_submitted_at))
      throw conflict('Die Frühwarnung ist bereits erfolgt (oder durch die Meldung ersetzt).', state);
    if (input.kind === 'notification' && r.notification_submitted_at)
      throw conflict(
        'Die Meldung ist bereits eingereicht; reichen Sie einen Zwischen- oder Abschlussbericht ein.',
        state,
      );
    if (input.kind === 'intermediate' && !(r.intermediate_due_at && !r.intermediate_submitted_at))
      throw conflict(
        'Ein Zwischenbericht wird nur auf Anforderung des CERT eingereicht; es liegt keine offene Anforderung vor.',
        state,
      );
    if (input.kind === 'final' && !r.notification_submitted_at)
      throw conflict(
        'Der Abschlussbericht folgt auf die Meldung; bitte zuerst die Meldung einreichen.',
        state,
      );
    const named = await namedRecipients(ctx, trx, input.report, r.organisation_id, r.cert_organisation_id);
    const report = normaliseReport(input.report, named);
    const now = new Date();
    const version = r.latest_version + 1;
    await trx
      .updateTable('incident_reports')
      .set({
        ...reportColumns(report),
        latest_version: version,
        updated_at: now,
        ...(input.kind === 'early_warning' ? { early_warning_submitted_at: now } : {}),
        ...(input.kind === 'notification'
          ? { notification_submitted_at: now, final_due_at: addOneMonthBerlin(now) }
          : {}),
        ...(input.kind === 'intermediate' ? { intermediate_submitted_at: now } : {}),
        ...(input.kind === 'final' ? { final_submitted_at: now } : {}),
      })
      .where('id', '=', r.id)
      .execute();
    await insertSubmission(ctx, trx, r, version, input.kind, report, now);
    await recordAudit(ctx, trx, {
      action: 'incident.submit',
      resourceType: 'incident',
      resourceId: r.id,
      organisationId: r.organisation_id,
      before: { version: r.latest_version, tlp: r.tlp },
      after: { version, kind: input.kind, tlp: report.tlp },
    });
    // The submitter stays a reader: originator for every label up to AMBER+STRICT, named for RED.
    return present(ctx, trx, await load(ctx, trx, r.id));
  });
}

export async function answerInfoRequest(ctx: RequestContext, id: string, requestId: string, answer: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await load(ctx, trx, id, true);
    permit(ctx, 'incident.report', r);
    const request = await trx
      .selectFrom('incident_info_requests')
      .select(['id', 'answered_at'])
      .where('id', '=', requestId)
      .where('incident_id', '=', r.id)
      .where('organisation_id', '=', r.organisation_id)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound('Die Rückfrage');
    if (request.answered_at) throw conflict('Die Rückfrage ist bereits beantwortet.');
    const now = new Date();
    await trx
      .updateTable('incident_info_requests')
      .set({
        answer,
        answered_by: actorUserId(ctx.actor),
        answered_by_label: actorLabel(ctx.actor),
        answered_at: now,
      })
      .where('id', '=', request.id)
      .execute();
    await trx.updateTable('incident_reports').set({ updated_at: now }).where('id', '=', r.id).execute();
    await recordAudit(ctx, trx, {
      action: 'incident.request.answer',
      resourceType: 'incident',
      resourceId: r.id,
      organisationId: r.organisation_id,
      after: { requestId: request.id },
    });
    return present(ctx, trx, await load(ctx, trx, r.id));
  });
}

// --- the CERT case -------------------------------------------------------------------------------

export const CASE_TRANSITIONS: Record<IncidentCaseStatus, readonly IncidentCaseStatus[]> = {
  new: ['in_progress'],
  in_progress: ['closed_true_positive', 'closed_false_positive'],
  closed_true_positive: [],
  closed_false_positive: [],
};

async function handle<T>(
  ctx: RequestContext,
  id: string,
  work: (
    trx: Tx,
    r: IncidentRecord,
    now: Date,
  ) => Promise<{ audit: { action: string; internal: boolean; after: unknown } } & T>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await load(ctx, trx, id, true);
    permit(ctx, 'incident.handle', r);
    const now = new Date();
    const result = await work(trx, r, now);
    await trx.updateTable('incident_reports').set({ updated_at: now }).where('id', '=', r.id).execute();
    await recordAudit(ctx, trx, {
      action: result.audit.action,
      resourceType: 'incident',
      resourceId: r.id,
      organisationId: result.audit.internal ? r.cert_organisation_id : r.organisation_id,
      after: result.audit.after,
    });
    return present(ctx, trx, await load(ctx, trx, r.id));
  });
}

export async function updateCase(ctx: RequestContext, id: string, patch: CasePatchInput) {
  return handle(ctx, id, async (trx, r, now) => {
    const set: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (patch.status !== undefined && patch.status !== r.case_status) {
      if (!CASE_TRANSITIONS[r.case_status].includes(patch.status)) {
        throw conflict(`Der Fall kann nicht von ${r.case_status} nach ${patch.status} wechseln.`, {
          currentStatus: r.case_status,
          allowed: CASE_TRANSITIONS[r.case_status],
        });
      }
      set.case_status = patch.status;
      set.case_closed_at = patch.status.startsWith('closed_') ? now : null;
      after.status = patch.status;
    }
    if (patch.assigneeUserId !== undefined) {
      if (patch.assigneeUserId !== null) {
        const analysts = await unsafeFindMembers(trx, [r.cert_organisation_id], ['cert']);
        if (!analysts.some((a) => a.id === patch.assigneeUserId))
          throw validation('/body/assigneeUserId', 'Zugewiesen werden kann nur eine Person dieses CERT.');
      }
      set.case_assignee_user_id = patch.assigneeUserId;
      after.assigneeUserId = patch.assigneeUserId;
    }
    if (patch.intermediateReportDueAt !== undefined) {
      const due = new Date(patch.intermediateReportDueAt);
      if (due.getTime() <= now.getTime())
        throw validation('/body/intermediateReportDueAt', 'Die Frist muss in der Zukunft liegen.');
      if (r.final_submitted_at)
        throw conflict('Nach dem Abschlussbericht kann kein Zwischenbericht mehr angefordert werden.');
      set.intermediate_requested_at = now;
      set.intermediate_due_at = due;
      set.intermediate_submitted_at = null;
      after.intermediateReportDueAt = due.toISOString();
    }
    if (Object.keys(set).length > 0)
      await trx.updateTable('incident_reports').set(set).where('id', '=', r.id).execute();
    // Assignment is the CERT's internal matter; a status change or a request concerns the Kommune.
    const internal = patch.status === undefined && patch.intermediateReportDueAt === undefined;
    return { audit: { action: 'incident.case.update', internal, after } };
  });
}

export async function addTask(ctx: RequestContext, id: string, title: string) {
  return handle(ctx, id, async (trx, r) => {
    const task = await trx
      .insertInto('incident_case_tasks')
      .values({
        organisation_id: r.organisation_id,
        incident_id: r.id,
        title,
        done_at: null,
        created_by: actorUserId(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { audit: { action: 'incident.task.add', internal: true, after: { taskId: task.id } } };
  });
}

export async function updateTask(
  ctx: RequestContext,
  id: string,
  taskId: string,
  patch: { title?: string; done?: boolean },
) {
  return handle(ctx, id, async (trx, r, now) => {
    const task = await trx
      .selectFrom('incident_case_tasks')
      .select(['id', 'done'])
      .where('id', '=', taskId)
      .where('incident_id', '=', r.id)
      .where('organisation_id', '=', r.organisation_id)
      .forUpdate()
      .executeTakeFirst();
    if (!task) throw notFound('Die Aufgabe');
    await trx
      .updateTable('incident_case_tasks')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        // Marking a done task done again keeps the time it was first done.
        ...(patch.done !== undefined && patch.done !== task.done
          ? { done: patch.done, done_at: patch.done ? now : null }
          : {}),
        updated_at: now,
      })
      .where('id', '=', task.id)
      .execute();
    return { audit: { action: 'incident.task.update', internal: true, after: { taskId, done: patch.done } } };
  });
}

export async function addNote(ctx: RequestContext, id: string, text: string) {
  return handle(ctx, id, async (trx, r) => {
    const note = await trx
      .insertInto('incident_case_notes')
      .values({
        organisation_id: r.organisation_id,
        incident_id: r.id,
        text,
        author_user_id: actorUserId(ctx.actor),
        author_label: actorLabel(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { audit: { action: 'incident.note.add', internal: true, after: { noteId: note.id } } };
  });
}

export async function linkAdvisory(ctx: RequestContext, id: string, advisoryId: string) {
  return handle(ctx, id, async (trx, r) => {
    // only an advisory the handling CERT may read (TLP included); its row then exists for the key
    try {
      await loadReadableAdvisory(ctx, advisoryId, trx);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not-found') throw error;
      throw new AppError('not-found', {
        detail: `Die Sicherheitsmeldung ${advisoryId} gibt es nicht, oder sie ist für diesen Fall nicht lesbar.`,
        errors: [{ pointer: '/body/advisoryId', message: 'unbekannte Sicherheitsmeldung' }],
      });
    }
    await trx
      .insertInto('incident_advisory_links')
      .values({
        organisation_id: r.organisation_id,
        incident_id: r.id,
        advisory_id: advisoryId,
        created_by: actorUserId(ctx.actor),
      })
      .onConflict((oc) => oc.columns(['incident_id', 'advisory_id']).doNothing())
      .execute();
    return { audit: { action: 'incident.advisory.link', internal: true, after: { advisoryId } } };
  });
}

export async function unlinkAdvisory(ctx: RequestContext, id: string, advisoryId: string) {
  await handle(ctx, id, async (trx, r) => {
    const removed = await trx
      .deleteFrom('incident_advisory_links')
      .where('incident_id', '=', r.id)
      .where('organisation_id', '=', r.organisation_id)
      .where('advisory_id', '=', advisoryId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Die Verknüpfung');
    return { audit: { action: 'incident.advisory.unlink', internal: true, after: { advisoryId } } };
  });
}

export async function requestInformation(
  ctx: RequestContext,
  id: string,
  input: { question: string; dueAt: string },
) {
  return handle(ctx, id, async (trx, r, now) => {
    const due = new Date(input.dueAt);
    if (due.getTime() <= now.getTime())
      throw validation('/body/dueAt', 'Die Frist muss in der Zukunft liegen.');
    if (r.case_status.startsWith('closed_'))
      throw conflict('Der Fall ist abgeschlossen; Rückfragen sind nicht mehr möglich.');
    const request = await trx
      .insertInto('incident_info_requests')
      .values({
        organisation_id: r.organisation_id,
        incident_id: r.id,
        question: input.question,
        due_at: due,
        requested_by: actorUserId(ctx.actor),
        requested_by_label: actorLabel(ctx.actor),
        answer: null,
        answered_by: null,
        answered_by_label: null,
        answered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { audit: { action: 'incident.request.add', internal: false, after: { requestId: request.id } } };
  });
}
