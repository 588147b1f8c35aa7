/**
 * Storing the findings of one scan (a report import or a scan run of ours) for one Kommune.
 * Used by the import API/CLI (service.ts) and by scan runs (src/domains/scans/runs). The caller
 * authorises and opens the transaction; everything here happens inside it, audit included.
 *
 * Lifecycle per finding (scan_findings.state):
 *   reported, unknown          → created (open)
 *   reported, fixed            → open again (reopened)
 *   reported, open/accepted    → last_seen moves on (updated when its content changed)
 *   not reported, same source, host (and port) covered, open/accepted → fixed
 *   accepted past its expiry   → open (before anything else happens)
 * Findings of other sources are never fixed by this scan: a TLS scan says nothing about what a
 * vulnerability scanner found.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import type { FindingSeverity, FindingState } from '../../../platform/db/schema.ts';
import { notFound } from '../../../platform/errors.ts';
import type { ScanFinding, ScanSource } from '../imports/finding.ts';
import { type LinkableFinding, latestAssessmentWithMeasures, syncFindingMeasures } from './measures-link.ts';
import {
  assetKey,
  covers,
  dedupe,
  findingIdentity,
  type NormalisedFinding,
  normaliseCoverage,
  normaliseFinding,
} from './normalise.ts';

export interface IngestSummary {
  importId: string;
  organisationId: string;
  /** Findings as the scan delivered them, and how many of them named an already listed one. */
  received: number;
  duplicates: number;
  created: number;
  updated: number;
  fixed: number;
  reopened: number;
  unchanged: number;
  /** Acceptances that had lapsed and were reopened before this scan was applied. */
  expired: number;
  /** Measures created from open high/medium findings (see measures-link.ts). */
  measuresCreated: number;
  /** Open findings of the Kommune by severity after this scan. */
  open: Record<FindingSeverity, number>;
}

/** What an upload adds about itself (stored on the scan_imports row). */
export interface ReportMeta {
  fileName?: string;
  sha256?: string;
  sizeBytes?: number;
  scannerVersion?: string;
  startedAt?: string;
  endedAt?: string;
  servicesReported?: number;
  coverageFromFindingsOnly?: boolean;
}

const BATCH = 400;

const validDate = (value: string | undefined): Date | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

const chunks = <T>(items: T[], size = BATCH): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

interface HistoryRow {
  organisation_id: string;
  finding_id: string;
  import_id: string | null;
  kind: 'created' | 'state' | 'severity';
  from_state: FindingState | null;
  to_state: FindingState;
  severity: FindingSeverity;
  reason: string | null;
  accepted_until: Date | null;
  changed_by: string | null;
  changed_by_label: string;
  changed_at: Date;
}

export async function insertHistory(trx: Tx, rows: HistoryRow[]): Promise<void> {
  for (const batch of chunks(rows)) await trx.insertInto('scan_finding_history').values(batch).execute();
}

/** Serialises scans and state changes of one Kommune's findings. */
export async function lockOrganisationFindings(trx: Tx, organisationId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`scan-findings:${organisationId}`}))`.execute(trx);
}

/**
 * Acceptances whose expiry has passed become open again (history dated at the expiry). Reads
 * already treat them as open (see repository.ts `effectiveState`); this makes it durable.
 */
export async function reopenExpiredAcceptances(
  ctx: RequestContext,
  trx: Tx,
  organisationId: string,
  now: Date,
): Promise<LinkableFinding[]> {
  const expired = await trx
    .selectFrom('scan_findings')
    .select([
      'id',
      'finding_key',
      'source',
      'host',
      'port',
      'check_id',
      'vulnerability_id',
      'cves',
      'severity',
      'title',
      'solution',
      'accepted_until',
    ])
    .where('organisation_id', '=', organisationId)
    .where('state', '=', 'accepted')
    .where('accepted_until', '<=', now)
    .execute();
  if (expired.length === 0) return [];
  for (const batch of chunks(expired)) {
    await trx
      .updateTable('scan_findings')
      .set({
        state: 'open',
        accepted_reason: null,
        accepted_by: null,
        accepted_at: null,
        accepted_until: null,
        updated_at: now,
      })
      .where('organisation_id', '=', organisationId)
      .where(
        'id',
        'in',
        batch.map((f) => f.id),
      )
      .execute();
  }
  await insertHistory(
    trx,
    expired.map((f) => ({
      organisation_id: organisationId,
      finding_id: f.id,
      import_id: null,
      kind: 'state',
      from_state: 'accepted',
      to_state: 'open',
      severity: f.severity,
      reason: 'Die Risikoakzeptanz ist abgelaufen.',
      accepted_until: null,
      changed_by: null,
      changed_by_label: 'system:acceptance-expiry',
      // The finding counted as open from its expiry on, whenever this runs.
      changed_at: f.accepted_until ?? now,
    })),
  );
  await recordAudit(ctx, trx, {
    action: 'scan.finding.expire',
    resourceType: 'organisation',
    resourceId: organisationId,
    organisationId,
    after: { reopened: expired.length, findingIds: expired.map((f) => f.id) },
  });
  return expired;
}

/** Host and service assets of the findings, found or created in the inventory. */
async function resolveAssets(
  ctx: RequestContext,
  trx: Tx,
  organisationId: string,
  findings: NormalisedFinding[],
): Promise<Map<string, string>> {
  const hosts = [...new Set(findings.map((f) => f.host))];
  const services = new Map<string, { host: string; port: number; protocol: 'tcp' | 'udp' }>();
  for (const f of findings) {
    if (f.port !== null && f.protocol !== null)
      services.set(assetKey(f.host, f.port, f.protocol), {
        host: f.host,
        port: f.port,
        protocol: f.protocol,
      });
  }
  const ids = new Map<string, string>();
  const load = async () => {
    for (const batch of chunks(hosts)) {
      const rows = await trx
        .selectFrom('assets')
        .select(['id', 'kind', 'name', 'port', 'protocol'])
        .where('organisation_id', '=', organisationId)
        .where('kind', 'in', ['host', 'service'])
        .where('name', 'in', batch)
        .execute();
      for (const r of rows) {
        ids.set(
          r.kind === 'host' ? assetKey(r.name, null, null) : assetKey(r.name, r.port, r.protocol),
          r.id,
        );
      }
    }
  };
  await load();
  const createdBy = actorUserId(ctx.actor);
  const missingHosts = hosts.filter((h) => !ids.has(assetKey(h, null, null)));
  for (const batch of chunks(missingHosts)) {
    await trx
      .insertInto('assets')
      .values(
        batch.map((name) => ({
          organisation_id: organisationId,
          kind: 'host' as const,
          name,
          created_by: createdBy,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (missingHosts.length) await load();
  const missingServices = [...services].filter(([key]) => !ids.has(key)).map(([, s]) => s);
  for (const batch of chunks(missingServices)) {
    await trx
      .insertInto('assets')
      .values(
        batch.map((s) => ({
          organisation_id: organisationId,
          kind: 'service' as const,
          name: s.host,
          port: s.port,
          protocol: s.protocol,
          parent_id: ids.get(assetKey(s.host, null, null)) ?? null,
          created_by: createdBy,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (missingServices.length) await load();
  return ids;
}

const CONTENT_FIELDS = [
  ['ip', 'ip'],
  ['service', 'service'],
  ['cvssScore', 'cvss_score'],
  ['cvssVector', 'cvss_vector'],
  ['severity', 'severity'],
  ['reportedSeverity', 'reported_severity'],
  ['title', 'title'],
  ['description', 'description'],
  ['evidence', 'evidence'],
  ['solution', 'solution'],
] as const;

function contentColumns(f: NormalisedFinding) {
  return {
    ip: f.ip,
    service: f.service,
    check_id: f.checkId,
    vulnerability_id: f.vulnerabilityId,
    cves: f.cves,
    cvss_score: f.cvssScore,
    cvss_vector: f.cvssVector,
    severity: f.severity,
    reported_severity: f.reportedSeverity,
    title: f.title,
    description: f.description,
    evidence: f.evidence,
    solution: f.solution,
    refs: JSON.stringify(f.references),
  };
}

export async function ingestFindings(
  trx: Tx,
  ctx: RequestContext,
  input: {
    organisationId: string;
    source: ScanSource;
    label: string;
    coverage: { host: string; ports?: number[] }[];
    findings: ScanFinding[];
    runId?: string;
    report?: ReportMeta;
  },
): Promise<IngestSummary> {
  const now = new Date();
  const organisationId = input.organisationId;
  const organisation = await trx
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) throw notFound('Die Organisation');
  await lockOrganisationFindings(trx, organisationId);
  const actor = { changed_by: actorUserId(ctx.actor), changed_by_label: actorLabel(ctx.actor) };

  const expired = await reopenExpiredAcceptances(ctx, trx, organisationId, now);
  const { unique, duplicates } = dedupe(input.findings.map(normaliseFinding));
  const assets = await resolveAssets(ctx, trx, organisationId, unique);
  const coverage = normaliseCoverage(input.coverage);
  const report = input.report ?? {};
  const { id: importId } = await trx
    .insertInto('scan_imports')
    .values({
      organisation_id: organisationId,
      kind: input.runId ? 'run' : 'import',
      source: input.source,
      label: input.label.slice(0, 500) || input.source,
      file_name: report.fileName?.slice(0, 255) ?? null,
      sha256: report.sha256 ?? null,
      size_bytes: report.sizeBytes ?? null,
      run_id: input.runId ?? null,
      scanner_version: report.scannerVersion?.slice(0, 200) ?? null,
      started_at: validDate(report.startedAt),
      ended_at: validDate(report.endedAt),
      coverage: JSON.stringify(
        [...coverage].map(([host, ports]) => (ports === 'all' ? { host } : { host, ports: [...ports] })),
      ),
      coverage_from_findings_only: report.coverageFromFindingsOnly ?? false,
      findings_reported: input.findings.length,
      services_reported: report.servicesReported ?? 0,
      imported_by: actor.changed_by,
      imported_by_label: actor.changed_by_label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const existing = await trx
    .selectFrom('scan_findings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .execute();
  const byIdentity = new Map(
    existing.map((row) => [
      findingIdentity({ host: row.host, port: row.port, protocol: row.protocol, key: row.finding_key }),
      row,
    ]),
  );

  const history: HistoryRow[] = [];
  const base = {
    organisation_id: organisationId,
    import_id: importId,
    accepted_until: null,
    ...actor,
    changed_at: now,
  };
  const opened: LinkableFinding[] = [];
  const closed: { id: string; resolution: 'fixed' }[] = [];
  const counts = { created: 0, updated: 0, fixed: 0, reopened: 0, unchanged: 0 };
  const seen = new Set<string>();
  const unchangedIds: string[] = [];
  const toCreate: NormalisedFinding[] = [];

  for (const f of unique) {
    const row = byIdentity.get(findingIdentity(f));
    if (!row) {
      toCreate.push(f);
      continue;
    }
    seen.add(row.id);
    const changed =
      CONTENT_FIELDS.some(([field, column]) => f[field] !== row[column]) ||
      f.cves.join(',') !== row.cves.join(',');
    if (row.state === 'fixed') {
      await trx
        .updateTable('scan_findings')
        .set({
          ...contentColumns(f),
          state: 'open',
          fixed_at: null,
          last_seen: now,
          last_import_id: importId,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      history.push({
        ...base,
        finding_id: row.id,
        kind: 'state',
        from_state: 'fixed',
        to_state: 'open',
        severity: f.severity,
        reason: `Wieder gefunden: ${input.label}`.slice(0, 2000),
      });
      opened.push({ ...row, severity: f.severity, title: f.title, solution: f.solution, cves: f.cves });
      counts.reopened++;
    } else if (changed) {
      await trx
        .updateTable('scan_findings')
        .set({ ...contentColumns(f), last_seen: now, last_import_id: importId, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      if (f.severity !== row.severity) {
        history.push({
          ...base,
          finding_id: row.id,
          kind: 'severity',
          from_state: row.state,
          to_state: row.state,
          severity: f.severity,
          reason: `Schweregrad ${row.severity} → ${f.severity}`,
        });
        if (row.state === 'open')
          opened.push({ ...row, severity: f.severity, title: f.title, solution: f.solution, cves: f.cves });
      }
      counts.updated++;
    } else {
      unchangedIds.push(row.id);
      counts.unchanged++;
    }
  }
  for (const batch of chunks(unchangedIds)) {
    await trx
      .updateTable('scan_findings')
      .set({ last_seen: now, last_import_id: importId })
      .where('id', 'in', batch)
      .execute();
  }
  for (const batch of chunks(toCreate)) {
    const inserted = await trx
      .insertInto('scan_findings')
      .values(
        batch.map((f) => ({
          organisation_id: organisationId,
          asset_id: assets.get(assetKey(f.host, f.port, f.protocol)) as string,
          finding_key: f.key,
          source: f.source,
          host: f.host,
          port: f.port,
          protocol: f.protocol,
          ...contentColumns(f),
          first_seen: now,
          last_seen: now,
          first_import_id: importId,
          last_import_id: importId,
        })),
      )
      .returning([
        'id',
        'finding_key',
        'source',
        'host',
        'port',
        'check_id',
        'vulnerability_id',
        'cves',
        'severity',
        'title',
        'solution',
      ])
      .execute();
    for (const row of inserted) {
      history.push({
        ...base,
        finding_id: row.id,
        kind: 'created',
        from_state: null,
        to_state: 'open',
        severity: row.severity,
        reason: `Gefunden: ${input.label}`.slice(0, 2000),
      });
      opened.push(row);
    }
    counts.created += inserted.length;
  }

  const gone = existing.filter(
    (row) =>
      !seen.has(row.id) &&
      row.source === input.source &&
      (row.state === 'open' || row.state === 'accepted') &&
      covers(coverage, row.host, row.port),
  );
  for (const batch of chunks(gone)) {
    await trx
      .updateTable('scan_findings')
      .set({
        state: 'fixed',
        fixed_at: now,
        accepted_reason: null,
        accepted_by: null,
        accepted_at: null,
        accepted_until: null,
        updated_at: now,
      })
      .where(
        'id',
        'in',
        batch.map((r) => r.id),
      )
      .execute();
  }
  for (const row of gone) {
    history.push({
      ...base,
      finding_id: row.id,
      kind: 'state',
      from_state: row.state,
      to_state: 'fixed',
      severity: row.severity,
      reason: `Nicht mehr gefunden: ${input.label}`.slice(0, 2000),
    });
    closed.push({ id: row.id, resolution: 'fixed' });
  }
  counts.fixed = gone.length;
  await insertHistory(trx, history);

  const stillOpenExpired = expired.filter(
    (e) => !gone.some((g) => g.id === e.id) && !opened.some((o) => o.id === e.id),
  );
  const measuresCreated = await syncFindingMeasures(ctx, trx, {
    organisationId,
    assessmentId: await latestAssessmentWithMeasures(trx, organisationId),
    opened: [...opened, ...stillOpenExpired],
    closed,
    now,
  });

  const open = await openCounts(trx, organisationId);
  await trx
    .updateTable('scan_imports')
    .set({
      created_count: counts.created,
      updated_count: counts.updated,
      fixed_count: counts.fixed,
      reopened_count: counts.reopened,
      unchanged_count: counts.unchanged,
      open_counts: JSON.stringify(open),
    })
    .where('id', '=', importId)
    .execute();
  const summary: IngestSummary = {
    importId,
    organisationId,
    received: input.findings.length,
    duplicates,
    ...counts,
    expired: expired.length,
    measuresCreated,
    open,
  };
  await recordAudit(ctx, trx, {
    action: input.runId ? 'scan.run.ingest' : 'scan.import',
    resourceType: 'scan_import',
    resourceId: importId,
    organisationId,
    after: {
      source: input.source,
      label: input.label,
      ...(input.runId ? { runId: input.runId } : {}),
      ...counts,
      measuresCreated,
    },
  });
  return summary;
}

/** Open findings of one Kommune by severity (lapsed acceptances count as open). */
export async function openCounts(trx: Tx, organisationId: string): Promise<Record<FindingSeverity, number>> {
  const rows = await trx
    .selectFrom('scan_findings')
    .select(['severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where(sql<boolean>`(state = 'open' or (state = 'accepted' and accepted_until <= now()))`)
    .groupBy('severity')
    .execute();
  const out: Record<FindingSeverity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const r of rows) out[r.severity] = Number(r.n);
  return out;
}
