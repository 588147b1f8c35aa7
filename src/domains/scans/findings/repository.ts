/**
 * SQL of the findings domain. Every query on tenant rows takes the caller's `Scope` and puts it
 * into its WHERE clause on the row's own organisation_id.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import type { FindingSeverity, FindingSource, FindingState } from '../../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../../platform/policy/policy.ts';
import type { FindingListFilter } from './schemas.ts';

/** The state as readers see it: an acceptance past its expiry counts as open at once. */
export const effectiveState = (table = 'scan_findings'): RawBuilder<FindingState> =>
  sql<FindingState>`case when ${sql.ref(`${table}.state`)} = 'accepted' and ${sql.ref(`${table}.accepted_until`)} <= now() then 'open' else ${sql.ref(`${table}.state`)} end`;

export const isOpen = (table = 'scan_findings'): Expression<SqlBool> =>
  sql<SqlBool>`(${sql.ref(`${table}.state`)} = 'open' or (${sql.ref(`${table}.state`)} = 'accepted' and ${sql.ref(`${table}.accepted_until`)} <= now()))`;

export interface FindingRecord {
  id: string;
  organisation_id: string;
  organisation_ancestor_ids: string[];
  asset_id: string;
  finding_key: string;
  source: FindingSource;
  host: string;
  ip: string | null;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
  service: string | null;
  check_id: string | null;
  vulnerability_id: string | null;
  cves: string[];
  cvss_score: number | null;
  cvss_vector: string | null;
  severity: FindingSeverity;
  reported_severity: string;
  title: string;
  description: string | null;
  evidence: string | null;
  solution: string | null;
  refs: string[];
  state: FindingState;
  stored_state: FindingState;
  accepted_reason: string | null;
  accepted_by_name: string | null;
  accepted_at: Date | null;
  accepted_until: Date | null;
  fixed_at: Date | null;
  first_seen: Date;
  last_seen: Date;
}

function findingsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('scan_findings')
    .innerJoin('organisations', 'organisations.id', 'scan_findings.organisation_id')
    .leftJoin('users', 'users.id', 'scan_findings.accepted_by')
    .where((eb) => organisationInScope(eb, eb.ref('scan_findings.organisation_id'), scope));
}

function selectRecord(query: ReturnType<typeof findingsInScope>) {
  return query.select([
    'scan_findings.id',
    'scan_findings.organisation_id',
    'organisations.ancestor_ids as organisation_ancestor_ids',
    'scan_findings.asset_id',
    'scan_findings.finding_key',
    'scan_findings.source',
    'scan_findings.host',
    'scan_findings.ip',
    'scan_findings.port',
    'scan_findings.protocol',
    'scan_findings.service',
    'scan_findings.check_id',
    'scan_findings.vulnerability_id',
    'scan_findings.cves',
    'scan_findings.cvss_score',
    'scan_findings.cvss_vector',
    'scan_findings.severity',
    'scan_findings.reported_severity',
    'scan_findings.title',
    'scan_findings.description',
    'scan_findings.evidence',
    'scan_findings.solution',
    'scan_findings.refs',
    effectiveState().as('state'),
    'scan_findings.state as stored_state',
    'scan_findings.accepted_reason',
    'users.display_name as accepted_by_name',
    'scan_findings.accepted_at',
    'scan_findings.accepted_until',
    'scan_findings.fixed_at',
    'scan_findings.first_seen',
    'scan_findings.last_seen',
  ]);
}

const SEVERITY_ORDER = sql`case scan_findings.severity when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end`;

export async function findFindings(
  db: Executor,
  scope: Scope,
  filter: FindingListFilter,
): Promise<{ rows: FindingRecord[]; total: number }> {
  let query = findingsInScope(db, scope);
  if (filter.organisationId) query = query.where('scan_findings.organisation_id', '=', filter.organisationId);
  if (filter.state) query = query.where(effectiveState(), '=', filter.state);
  if (filter.severity) query = query.where('scan_findings.severity', '=', filter.severity);
  if (filter.source) query = query.where('scan_findings.source', '=', filter.source);
  if (filter.host) query = query.where('scan_findings.host', '=', filter.host.trim().toLowerCase());
  if (filter.check) {
    const check = filter.check;
    query = query.where((eb) =>
      eb.or([eb('scan_findings.check_id', '=', check), eb('scan_findings.vulnerability_id', '=', check)]),
    );
  }
  if (filter.port !== undefined) query = query.where('scan_findings.port', '=', filter.port);
  const [rows, count] = await Promise.all([
    selectRecord(query)
      .orderBy(SEVERITY_ORDER)
      .orderBy('scan_findings.host')
      .orderBy('scan_findings.port')
      .orderBy('scan_findings.title')
      .orderBy('scan_findings.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as FindingRecord[], total: Number(count.total) };
}

export async function findFindingById(
  db: Executor,
  scope: Scope,
  id: string,
  lock = false,
): Promise<FindingRecord | undefined> {
  let query = selectRecord(findingsInScope(db, scope).where('scan_findings.id', '=', id));
  if (lock) query = query.forUpdate('scan_findings');
  return (await query.executeTakeFirst()) as FindingRecord | undefined;
}

/** History of one finding the caller could already load (organisation given by that row). */
export function findFindingHistory(db: Executor, finding: { id: string; organisation_id: string }) {
  return db
    .selectFrom('scan_finding_history')
    .leftJoin('scan_imports', 'scan_imports.id', 'scan_finding_history.import_id')
    .select([
      'scan_finding_history.kind',
      'scan_finding_history.from_state',
      'scan_finding_history.to_state',
      'scan_finding_history.severity',
      'scan_finding_history.reason',
      'scan_finding_history.accepted_until',
      'scan_finding_history.changed_by_label',
      'scan_finding_history.changed_at',
      'scan_finding_history.import_id',
      'scan_imports.label as import_label',
    ])
    .where('scan_finding_history.finding_id', '=', finding.id)
    .where('scan_finding_history.organisation_id', '=', finding.organisation_id)
    .orderBy('scan_finding_history.changed_at')
    .orderBy('scan_finding_history.id')
    .execute();
}

/** Measures that name the finding as a source. */
export function findLinkedMeasures(db: Executor, finding: { id: string; organisation_id: string }) {
  return db
    .selectFrom('measures')
    .select(['id', 'assessment_id', 'title', 'status', 'sources'])
    .where('organisation_id', '=', finding.organisation_id)
    .where(sql<boolean>`sources @> ${JSON.stringify([{ kind: 'finding', id: finding.id }])}::jsonb`)
    .orderBy('created_at')
    .execute();
}

export function findImports(db: Executor, scope: Scope, organisationId: string, limit = 500) {
  return db
    .selectFrom('scan_imports')
    .select([
      'id',
      'organisation_id',
      'kind',
      'source',
      'label',
      'file_name',
      'sha256',
      sql<number | null>`size_bytes::float8`.as('size_bytes'),
      'run_id',
      'scanner_version',
      'started_at',
      'ended_at',
      'coverage',
      'coverage_from_findings_only',
      'findings_reported',
      'services_reported',
      'created_count',
      'updated_count',
      'fixed_count',
      'reopened_count',
      'unchanged_count',
      'open_counts',
      'imported_by_label',
      'imported_at',
    ])
    .where('organisation_id', '=', organisationId)
    .where((eb) => organisationInScope(eb, eb.ref('scan_imports.organisation_id'), scope))
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
export type ImportRecord = Awaited<ReturnType<typeof findImports>>[number];

/** State changes of every finding of the organisation, oldest first (input of the trend). */
export function findHistoryEvents(db: Executor, scope: Scope, organisationId: string) {
  return db
    .selectFrom('scan_finding_history')
    .select(['id', 'finding_id', 'kind', 'to_state', 'severity', 'accepted_until', 'changed_at'])
    .where('organisation_id', '=', organisationId)
    .where((eb) => organisationInScope(eb, eb.ref('scan_finding_history.organisation_id'), scope))
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

export interface LightRow {
  organisation_id: string;
  name: string;
  ars: string | null;
  type: string;
  last_scan_at: Date | null;
  open_high: number;
  open_medium: number;
  open_low: number;
  open_info: number;
  accepted: number;
}

/** Per Kommune (district or municipality) in scope: last scan and open findings by severity. */
export async function findLights(db: Executor, scope: Scope, organisationId?: string): Promise<LightRow[]> {
  let query = db
    .selectFrom('organisations')
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope))
    .select((eb) => [
      'organisations.id as organisation_id',
      'organisations.name',
      'organisations.ars',
      'organisations.type',
      eb
        .selectFrom('scan_imports')
        .select((e) => e.fn.max('scan_imports.imported_at').as('m'))
        .whereRef('scan_imports.organisation_id', '=', 'organisations.id')
        .as('last_scan_at'),
      ...(['high', 'medium', 'low', 'info'] as const).map((severity) =>
        eb
          .selectFrom('scan_findings')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('scan_findings.organisation_id', '=', 'organisations.id')
          .where('scan_findings.severity', '=', severity)
          .where(isOpen())
          .as(`open_${severity}`),
      ),
      eb
        .selectFrom('scan_findings')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('scan_findings.organisation_id', '=', 'organisations.id')
        .where('scan_findings.state', '=', 'accepted')
        .where('scan_findings.accepted_until', '>', sql<Date>`now()`)
        .as('accepted'),
    ]);
  query = organisationId
    ? query.where('organisations.id', '=', organisationId)
    : query.where('organisations.type', 'in', ['district', 'municipality']);
  const rows = await query.orderBy('organisations.name').orderBy('organisations.id').execute();
  return rows.map((r) => ({
    organisation_id: r.organisation_id,
    name: r.name,
    ars: r.ars,
    type: r.type,
    last_scan_at: r.last_scan_at ? new Date(r.last_scan_at as unknown as string) : null,
    open_high: Number(r.open_high ?? 0),
    open_medium: Number(r.open_medium ?? 0),
    open_low: Number(r.open_low ?? 0),
    open_info: Number(r.open_info ?? 0),
    accepted: Number(r.accepted ?? 0),
  }));
}
