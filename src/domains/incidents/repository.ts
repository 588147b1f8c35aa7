/**
 * SQL of the incidents domain. Every query on tenant rows takes the caller's `Scope` and puts it
 * into its WHERE clause on the reporting Kommune's organisation_id. TLP is decided afterwards in
 * the service (platform/tlp): the scope says whose reports a role may handle at all, the label
 * whether this person may read this one.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { IncidentCaseStatus, IncidentSubmissionKind } from '../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { TlpLabel } from '../../platform/tlp/tlp.ts';
import type { IncidentListFilter } from './schemas.ts';

export interface IncidentRecord {
  id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_ars: string | null;
  organisation_ancestor_ids: string[];
  cert_organisation_id: string;
  cert_organisation_name: string;
  cert_state_id: string | null;
  reference: string;
  report: unknown;
  title: string;
  category: string;
  tlp: TlpLabel;
  pap: string;
  named_recipient_user_ids: string[];
  aware_at: Date;
  personal_data: boolean;
  latest_version: number;
  early_warning_submitted_at: Date | null;
  notification_submitted_at: Date | null;
  final_submitted_at: Date | null;
  final_due_at: Date | null;
  case_status: IncidentCaseStatus;
  case_assignee_user_id: string | null;
  case_assignee_name: string | null;
  intermediate_requested_at: Date | null;
  intermediate_due_at: Date | null;
  intermediate_submitted_at: Date | null;
  case_closed_at: Date | null;
  open_requests: number;
  created_at: Date;
  updated_at: Date;
}

function reportsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('incident_reports')
    .innerJoin('organisations', 'organisations.id', 'incident_reports.organisation_id')
    .where((eb) => organisationInScope(eb, eb.ref('incident_reports.organisation_id'), scope));
}

/** `withReport: false` leaves out the report document (lists only need the columns beside it). */
function selectRecord(query: ReturnType<typeof reportsInScope>, withReport = true) {
  return query.select((eb) => [
    'incident_reports.id',
    'incident_reports.organisation_id',
    'organisations.name as organisation_name',
    'organisations.ars as organisation_ars',
    'organisations.ancestor_ids as organisation_ancestor_ids',
    'incident_reports.cert_organisation_id',
    eb
      .selectFrom('organisations as cert')
      .select('cert.name')
      .whereRef('cert.id', '=', 'incident_reports.cert_organisation_id')
      .as('cert_organisation_name'),
    eb
      .selectFrom('organisations as cert')
      .select('cert.parent_id')
      .whereRef('cert.id', '=', 'incident_reports.cert_organisation_id')
      .as('cert_state_id'),
    'incident_reports.reference',
    withReport ? 'incident_reports.report' : sql<unknown>`null`.as('report'),
    'incident_reports.title',
    'incident_reports.category',
    'incident_reports.tlp',
    'incident_reports.pap',
    'incident_reports.named_recipient_user_ids',
    'incident_reports.aware_at',
    'incident_reports.personal_data',
    'incident_reports.latest_version',
    'incident_reports.early_warning_submitted_at',
    'incident_reports.notification_submitted_at',
    'incident_reports.final_submitted_at',
    'incident_reports.final_due_at',
    'incident_reports.case_status',
    'incident_reports.case_assignee_user_id',
    eb
      .selectFrom('users')
      .select('users.display_name')
      .whereRef('users.id', '=', 'incident_reports.case_assignee_user_id')
      .as('case_assignee_name'),
    'incident_reports.intermediate_requested_at',
    'incident_reports.intermediate_due_at',
    'incident_reports.intermediate_submitted_at',
    'incident_reports.case_closed_at',
    eb
      .selectFrom('incident_info_requests')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('incident_info_requests.incident_id', '=', 'incident_reports.id')
      .where('incident_info_requests.answered_at', 'is', null)
      .as('open_requests'),
    'incident_reports.created_at',
    'incident_reports.updated_at',
  ]);
}

const fix = (row: Record<string, unknown>) =>
  ({ ...row, open_requests: Number(row.open_requests ?? 0) }) as unknown as IncidentRecord;

/** Reports with at least one deadline past due and not met (same rules as deadlines.ts). */
const overdueCondition = sql<boolean>`(
  (incident_reports.early_warning_submitted_at is null and incident_reports.notification_submitted_at is null
     and incident_reports.aware_at + interval '24 hours' < now())
  or (incident_reports.notification_submitted_at is null and incident_reports.aware_at + interval '72 hours' < now())
  or (incident_reports.intermediate_due_at is not null and incident_reports.intermediate_submitted_at is null
     and incident_reports.intermediate_due_at < now())
  or (incident_reports.final_submitted_at is null and incident_reports.final_due_at < now())
)`;

export async function findIncidents(
  db: Executor,
  scope: Scope,
  filter: Partial<IncidentListFilter> & { limit: number; offset: number },
): Promise<{ rows: IncidentRecord[]; total: number }> {
  let query = reportsInScope(db, scope);
  if (filter.organisationId)
    query = query.where('incident_reports.organisation_id', '=', filter.organisationId);
  if (filter.status) query = query.where('incident_reports.case_status', '=', filter.status);
  if (filter.category) query = query.where('incident_reports.category', '=', filter.category);
  if (filter.overdue === true) query = query.where(overdueCondition);
  if (filter.overdue === false) query = query.where(sql<boolean>`${overdueCondition} is not true`);
  const [rows, count] = await Promise.all([
    selectRecord(query, false)
      .orderBy('incident_reports.created_at', 'desc')
      .orderBy('incident_reports.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(fix), total: Number(count.total) };
}

export async function findIncidentById(
  db: Executor,
  scope: Scope,
  id: string,
  lock = false,
): Promise<IncidentRecord | undefined> {
  let query = selectRecord(reportsInScope(db, scope).where('incident_reports.id', '=', id));
  if (lock) query = query.forUpdate('incident_reports');
  const row = await query.executeTakeFirst();
  return row ? fix(row) : undefined;
}

export interface SubmissionRecord {
  version: number;
  kind: IncidentSubmissionKind;
  tlp: TlpLabel;
  report: unknown;
  submitted_at: Date;
  submitted_by_name: string;
}

/** Versions of a report the caller already may read (the report row was checked). */
export async function findSubmissions(
  db: Executor,
  scope: Scope,
  incidentId: string,
  version?: number,
): Promise<SubmissionRecord[]> {
  let query = db
    .selectFrom('incident_submissions')
    .where('incident_submissions.incident_id', '=', incidentId)
    .where((eb) => organisationInScope(eb, eb.ref('incident_submissions.organisation_id'), scope));
  if (version !== undefined) query = query.where('incident_submissions.version', '=', version);
  return query
    .select((eb) => [
      'incident_submissions.version',
      'incident_submissions.kind',
      'incident_submissions.tlp',
      'incident_submissions.report',
      'incident_submissions.submitted_at',
      eb.fn
        .coalesce(
          eb
            .selectFrom('users')
            .select('users.display_name')
            .whereRef('users.id', '=', 'incident_submissions.submitted_by'),
          'incident_submissions.submitted_by_label',
        )
        .as('submitted_by_name'),
    ])
    .orderBy('incident_submissions.version')
    .execute() as Promise<SubmissionRecord[]>;
}

export async function findInfoRequests(db: Executor, scope: Scope, incidentId: string) {
  return db
    .selectFrom('incident_info_requests')
    .where('incident_info_requests.incident_id', '=', incidentId)
    .where((eb) => organisationInScope(eb, eb.ref('incident_info_requests.organisation_id'), scope))
    .select((eb) => [
      'incident_info_requests.id',
      'incident_info_requests.question',
      'incident_info_requests.due_at',
      'incident_info_requests.requested_at',
      'incident_info_requests.answer',
      'incident_info_requests.answered_at',
      eb.fn
        .coalesce(
          eb
            .selectFrom('users')
            .select('users.display_name')
            .whereRef('users.id', '=', 'incident_info_requests.requested_by'),
          'incident_info_requests.requested_by_label',
        )
        .as('requested_by_name'),
      eb.fn
        .coalesce(
          eb
            .selectFrom('users')
            .select('users.display_name')
            .whereRef('users.id', '=', 'incident_info_requests.answered_by'),
          'incident_info_requests.answered_by_label',
        )
        .as('answered_by_name'),
    ])
    .orderBy('incident_info_requests.requested_at')
    .orderBy('incident_info_requests.id')
    .execute();
}
export type InfoRequestRecord = Awaited<ReturnType<typeof findInfoRequests>>[number];

export async function findTasks(db: Executor, scope: Scope, incidentId: string) {
  return db
    .selectFrom('incident_case_tasks')
    .where('incident_case_tasks.incident_id', '=', incidentId)
    .where((eb) => organisationInScope(eb, eb.ref('incident_case_tasks.organisation_id'), scope))
    .select(['id', 'title', 'done', 'done_at', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findNotes(db: Executor, scope: Scope, incidentId: string) {
  return db
    .selectFrom('incident_case_notes')
    .where('incident_case_notes.incident_id', '=', incidentId)
    .where((eb) => organisationInScope(eb, eb.ref('incident_case_notes.organisation_id'), scope))
    .select((eb) => [
      'incident_case_notes.id',
      'incident_case_notes.text',
      'incident_case_notes.created_at',
      eb.fn
        .coalesce(
          eb
            .selectFrom('users')
            .select('users.display_name')
            .whereRef('users.id', '=', 'incident_case_notes.author_user_id'),
          'incident_case_notes.author_label',
        )
        .as('author'),
    ])
    .orderBy('incident_case_notes.created_at')
    .orderBy('incident_case_notes.id')
    .execute();
}

export async function findAdvisoryLinks(db: Executor, scope: Scope, incidentId: string) {
  const rows = await db
    .selectFrom('incident_advisory_links')
    .where('incident_advisory_links.incident_id', '=', incidentId)
    .where((eb) => organisationInScope(eb, eb.ref('incident_advisory_links.organisation_id'), scope))
    .select('advisory_id')
    .orderBy('created_at')
    .orderBy('advisory_id')
    .execute();
  return rows.map((r) => r.advisory_id);
}

/** The `cert` organisation directly under the Kommune's state (the oldest one, should there be two). */
export async function unsafeFindStateCert(db: Executor, organisation: { ancestor_ids: string[] }) {
  if (organisation.ancestor_ids.length === 0) return undefined;
  return db
    .selectFrom('organisations as cert')
    .innerJoin('organisations as state', 'state.id', 'cert.parent_id')
    .where('cert.type', '=', 'cert')
    .where('state.type', '=', 'state')
    .where('state.id', 'in', organisation.ancestor_ids)
    .select(['cert.id', 'cert.name', 'cert.parent_id'])
    .orderBy('cert.created_at')
    .orderBy('cert.id')
    .executeTakeFirst();
}

/** Users holding one of `roles` in one of the organisations (named recipients, assignees). */
export async function unsafeFindMembers(db: Executor, organisationIds: string[], roles: string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .where('memberships.organisation_id', 'in', organisationIds)
    .where('memberships.role', 'in', roles as never[])
    .where('users.disabled_at', 'is', null)
    .select(['users.id', 'users.display_name', 'memberships.organisation_id', 'memberships.role'])
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute();
}

/** Next reference of the CERT for the year (serialised per CERT by an advisory lock). */
export async function nextReference(db: Executor, certOrganisationId: string, year: number): Promise<string> {
  await sql`select pg_advisory_xact_lock(hashtext(${`incident-reference:${certOrganisationId}`}))`.execute(
    db,
  );
  const prefix = `VF-${year}-`;
  // Longest first, then text order: number order also past 9999 a year, whatever the collation.
  const last = await db
    .selectFrom('incident_reports')
    .select('reference')
    .where('cert_organisation_id', '=', certOrganisationId)
    .where('reference', 'like', `${prefix}%`)
    .orderBy(sql`length(reference)`, 'desc')
    .orderBy('reference', 'desc')
    .limit(1)
    .executeTakeFirst();
  const n = last ? Number.parseInt(last.reference.slice(prefix.length), 10) : 0;
  return `${prefix}${String(n + 1).padStart(4, '0')}`;
}
