/**
 * Scan findings of the Kommunen: report import (all-or-nothing), list and detail, risk
 * acceptance (comply or explain) and reopening, the traffic light with its trend.
 *
 * Objects outside the read scope answer 404, forbidden actions 403, wrong states 409. Every write
 * runs in one transaction with its audit record; an import's report is read and parsed completely
 * before the transaction starts, so a bad file writes nothing and a slow upload holds no lock.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import {
  assertAnyPermission,
  assertPermitted,
  type Permission,
  scopeFor,
} from '../../../platform/policy/policy.ts';
import { findOrganisationById } from '../../organisations/repository.ts';
import { ScanImportError, type ScanImportErrorReason } from '../imports/errors.ts';
import type { ScanFinding, ScanFormat } from '../imports/finding.ts';
import { parseReport } from '../imports/index.ts';
import {
  ingestFindings,
  insertHistory,
  lockOrganisationFindings,
  reopenExpiredAcceptances,
} from './ingest.ts';
import { latestAssessmentWithMeasures, syncFindingMeasures } from './measures-link.ts';
import { coverageFromTargets } from './normalise.ts';
import { lightOf, presentFinding, presentImport, presentLight } from './presenter.ts';
import {
  type FindingRecord,
  findFindingById,
  findFindingHistory,
  findFindings,
  findHistoryEvents,
  findImports,
  findLights,
  findLinkedMeasures,
} from './repository.ts';
import {
  type AcceptInput,
  type FindingDetailDto,
  type FindingListFilter,
  type ImportResultDto,
  LIGHT_RULE,
  type ReopenInput,
} from './schemas.ts';
import { dailyTrend } from './trend.ts';

const readScope = (ctx: RequestContext) => scopeFor(ctx, 'finding.read');
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function loadOrganisation(ctx: RequestContext, db: Executor, id: string) {
  const organisation = await findOrganisationById(db, readScope(ctx), id);
  if (!organisation) throw notFound('Die Organisation');
  return organisation;
}

async function loadFinding(ctx: RequestContext, db: Executor, id: string, lock = false) {
  const row = await findFindingById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Der Befund');
  return row;
}

function permit(ctx: RequestContext, permission: Permission, row: FindingRecord) {
  assertPermitted(ctx, permission, { id: row.organisation_id, ancestor_ids: row.organisation_ancestor_ids });
}

// --- import ----------------------------------------------------------------------------------------

const REASON_DE: Record<ScanImportErrorReason, string> = {
  malformed: 'Die Datei ist kein wohlgeformtes XML bzw. JSON.',
  truncated: 'Die Datei endet mitten im Dokument (abgeschnitten?).',
  'forbidden-dtd': 'XML mit DTD oder Entity-Deklarationen wird aus Sicherheitsgründen nicht angenommen.',
  'invalid-record': 'Ein Eintrag des Berichts hat nicht die erwartete Struktur.',
  'too-large': 'Die Datei ist größer als erlaubt.',
  'unknown-format':
    'Das Berichtsformat wurde nicht erkannt (erwartet: Greenbone/OpenVAS-XML, Nmap-XML, testssl.sh-JSON, Nuclei-JSON/JSONL oder internet.nl-JSON).',
  'read-failed': 'Die Datei konnte nicht vollständig gelesen werden.',
};

/** The parsers speak English to developers; users get a German sentence first, the detail after it. */
function germanImportError(error: ScanImportError): AppError {
  return new AppError(error.code, {
    detail: `${REASON_DE[error.reason]} (${error.detail ?? error.message})`,
    extensions: error.extensions,
    errors: [{ pointer: '/body', message: REASON_DE[error.reason] }],
  });
}

export function tooLarge(limitBytes: number, what = 'Der Scanbericht'): AppError {
  return new AppError('payload-too-large', {
    detail: `${what} ist größer als die erlaubten ${limitBytes} Bytes (BASTEI_SCAN_IMPORT_LIMIT_BYTES).`,
    extensions: { limitBytes, reason: 'too-large' },
  });
}

export const emptyReport = () =>
  new AppError('validation-failed', {
    detail: 'Der Scanbericht fehlt (leerer Inhalt).',
    errors: [{ pointer: '/body', message: 'leer' }],
  });

/** Passes the bytes through while hashing and counting them; stops at the limit. */
async function* metered(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  limitBytes: number,
  tally: { size: number; hash: ReturnType<typeof createHash> },
): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    tally.size += bytes.length;
    // A ScanImportError passes through the parsers' input handling unchanged.
    if (tally.size > limitBytes) {
      throw new ScanImportError('unknown', `input is larger than the limit of ${limitBytes} bytes`, {
        reason: 'too-large',
        offset: limitBytes,
      });
    }
    tally.hash.update(bytes);
    yield bytes;
  }
}

export interface ImportInput {
  organisationId: string;
  /** The report's bytes as they arrive (request stream or file stream). */
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  fileName?: string;
  format?: ScanFormat | 'auto';
  /** Content-Length or file size when known: a larger report is refused before reading a byte. */
  declaredSize?: number;
  limitBytes: number;
}

/** Checks the caller may import for the organisation (404/403), before any byte is read. */
export async function authoriseScanImport(ctx: RequestContext, organisationId: string) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  assertPermitted(ctx, 'scan.import', organisation);
  return organisation;
}

export async function importScanReport(ctx: RequestContext, input: ImportInput): Promise<ImportResultDto> {
  await authoriseScanImport(ctx, input.organisationId);
  if (input.declaredSize !== undefined && input.declaredSize > input.limitBytes)
    throw tooLarge(input.limitBytes);
  const tally = { size: 0, hash: createHash('sha256') };
  const findings: ScanFinding[] = [];
  let services = 0;
  const items = parseReport(metered(input.body, input.limitBytes, tally), {
    format: input.format ?? 'auto',
    maxBytes: input.limitBytes,
  });
  let summary: Awaited<ReturnType<typeof items.next>>['value'];
  try {
    while (true) {
      const step = await items.next();
      if (step.done) {
        summary = step.value;
        break;
      }
      if (step.value.kind === 'finding') findings.push(step.value.finding);
      else services++;
    }
  } catch (error) {
    if (!(error instanceof ScanImportError)) throw error;
    if (error.reason === 'too-large') throw tooLarge(input.limitBytes);
    if (tally.size === 0) throw emptyReport();
    throw germanImportError(error);
  }
  if (typeof summary !== 'object' || !('format' in summary)) throw new AppError('internal');
  const report = summary;
  const sha256 = tally.hash.digest('hex');
  const label = input.fileName ?? `${report.format}-Bericht ${sha256.slice(0, 12)}`;
  const ingest = await ctx.db.transaction().execute((trx) =>
    ingestFindings(trx, ctx, {
      organisationId: input.organisationId,
      source: report.format,
      label,
      // Nuclei lists only matches: without a stated scope, nothing can be declared fixed.
      coverage: report.coverageFromFindingsOnly ? [] : coverageFromTargets(report.coveredTargets),
      findings,
      report: {
        ...(input.fileName ? { fileName: input.fileName } : {}),
        sha256,
        sizeBytes: tally.size,
        ...(report.scannerVersion ? { scannerVersion: report.scannerVersion } : {}),
        ...(report.startedAt ? { startedAt: report.startedAt } : {}),
        ...(report.endedAt ? { endedAt: report.endedAt } : {}),
        servicesReported: services,
        coverageFromFindingsOnly: report.coverageFromFindingsOnly,
      },
    }),
  );
  return {
    importId: ingest.importId,
    organisationId: ingest.organisationId,
    format: report.format,
    fileName: input.fileName ?? null,
    sha256,
    sizeBytes: tally.size,
    scannerVersion: report.scannerVersion ?? null,
    hosts: report.hosts.length,
    findingsCount: report.findingsCount,
    servicesCount: report.servicesCount,
    recordsTotal: report.recordsTotal,
    coverageFromFindingsOnly: report.coverageFromFindingsOnly,
    duplicates: ingest.duplicates,
    created: ingest.created,
    updated: ingest.updated,
    fixed: ingest.fixed,
    reopened: ingest.reopened,
    unchanged: ingest.unchanged,
    expired: ingest.expired,
    measuresCreated: ingest.measuresCreated,
    open: ingest.open,
  };
}

export async function listImports(ctx: RequestContext, organisationId: string) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const rows = await findImports(ctx.db, readScope(ctx), organisation.id);
  return { organisationId: organisation.id, items: rows.map(presentImport) };
}

// --- findings --------------------------------------------------------------------------------------

export async function listFindings(ctx: RequestContext, filter: FindingListFilter) {
  const { rows, total } = await findFindings(ctx.db, readScope(ctx), filter);
  return { items: rows.map(presentFinding), total, limit: filter.limit, offset: filter.offset };
}

async function detail(ctx: RequestContext, db: Executor, id: string): Promise<FindingDetailDto> {
  const row = await loadFinding(ctx, db, id);
  const [history, measures] = await Promise.all([findFindingHistory(db, row), findLinkedMeasures(db, row)]);
  return {
    ...presentFinding(row),
    description: row.description,
    evidence: row.evidence,
    solution: row.solution,
    references: row.refs,
    history: history.map((h) => ({
      kind: h.kind,
      fromState: h.from_state,
      toState: h.to_state,
      severity: h.severity,
      reason: h.reason,
      acceptedUntil: iso(h.accepted_until),
      importId: h.import_id,
      importLabel: h.import_label,
      changedBy: h.changed_by_label,
      changedAt: iso(h.changed_at) as string,
    })),
    measures: measures.map((m) => {
      const source = m.sources.find((s) => s.kind === 'finding' && s.id === row.id);
      return {
        id: m.id,
        assessmentId: m.assessment_id,
        title: m.title,
        status: m.status,
        resolvedAt: source?.resolvedAt ?? null,
        resolution: source?.resolution ?? null,
      };
    }),
  };
}

export const getFinding = (ctx: RequestContext, id: string) => detail(ctx, ctx.db, id);

const DAY = 86_400_000;

/** Last instant of the acceptance: the end (UTC) of `expiresOn`; at most one year from today. */
function acceptanceEnd(expiresOn: string, now: Date): Date {
  const until = new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const latest = new Date(today);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  if (until.getTime() <= now.getTime() || until.getTime() - DAY > latest.getTime()) {
    throw new AppError('validation-failed', {
      detail: `Das Ablaufdatum muss in der Zukunft liegen und darf höchstens ein Jahr entfernt sein (spätestens ${latest.toISOString().slice(0, 10)}).`,
      errors: [{ pointer: '/body/expiresOn', message: 'zwischen heute und in einem Jahr' }],
    });
  }
  return until;
}

export async function acceptFinding(ctx: RequestContext, id: string, input: AcceptInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const visible = await loadFinding(ctx, trx, id);
    permit(ctx, 'finding.manage', visible);
    const now = new Date();
    const until = acceptanceEnd(input.expiresOn, now);
    await lockOrganisationFindings(trx, visible.organisation_id);
    await reopenExpiredAcceptances(ctx, trx, visible.organisation_id, now);
    const row = await loadFinding(ctx, trx, id, true);
    if (row.state === 'fixed') {
      throw new AppError('invalid-state-transition', {
        detail: 'Ein behobener Befund kann nicht akzeptiert werden.',
        extensions: { currentState: row.state },
      });
    }
    await trx
      .updateTable('scan_findings')
      .set({
        state: 'accepted',
        accepted_reason: input.reason,
        accepted_by: actorUserId(ctx.actor),
        accepted_at: now,
        accepted_until: until,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await insertHistory(trx, [
      {
        organisation_id: row.organisation_id,
        finding_id: row.id,
        import_id: null,
        kind: 'state',
        from_state: row.state,
        to_state: 'accepted',
        severity: row.severity,
        reason: input.reason,
        accepted_until: until,
        changed_by: actorUserId(ctx.actor),
        changed_by_label: actorLabel(ctx.actor),
        changed_at: now,
      },
    ]);
    await syncFindingMeasures(ctx, trx, {
      organisationId: row.organisation_id,
      assessmentId: null,
      opened: [],
      closed: [{ id: row.id, resolution: 'accepted' }],
      now,
    });
    await recordAudit(ctx, trx, {
      action: 'scan.finding.accept',
      resourceType: 'scan_finding',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: { state: row.state },
      after: { state: 'accepted', reason: input.reason, expiresAt: until.toISOString() },
    });
    return detail(ctx, trx, row.id);
  });
}

export async function reopenFinding(ctx: RequestContext, id: string, input: ReopenInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const visible = await loadFinding(ctx, trx, id);
    permit(ctx, 'finding.manage', visible);
    const now = new Date();
    await lockOrganisationFindings(trx, visible.organisation_id);
    await reopenExpiredAcceptances(ctx, trx, visible.organisation_id, now);
    const row = await loadFinding(ctx, trx, id, true);
    if (row.state === 'open') {
      throw new AppError('invalid-state-transition', {
        detail: 'Der Befund ist bereits offen.',
        extensions: { currentState: row.state },
      });
    }
    await trx
      .updateTable('scan_findings')
      .set({
        state: 'open',
        fixed_at: null,
        accepted_reason: null,
        accepted_by: null,
        accepted_at: null,
        accepted_until: null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await insertHistory(trx, [
      {
        organisation_id: row.organisation_id,
        finding_id: row.id,
        import_id: null,
        kind: 'state',
        from_state: row.state,
        to_state: 'open',
        severity: row.severity,
        reason: input.reason,
        accepted_until: null,
        changed_by: actorUserId(ctx.actor),
        changed_by_label: actorLabel(ctx.actor),
        changed_at: now,
      },
    ]);
    await syncFindingMeasures(ctx, trx, {
      organisationId: row.organisation_id,
      assessmentId: await latestAssessmentWithMeasures(trx, row.organisation_id),
      opened: [row],
      closed: [],
      now,
    });
    await recordAudit(ctx, trx, {
      action: 'scan.finding.reopen',
      resourceType: 'scan_finding',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: { state: row.state },
      after: { state: 'open', reason: input.reason },
    });
    return detail(ctx, trx, row.id);
  });
}

// --- traffic light -----------------------------------------------------------------------------------

export async function getScanStatus(ctx: RequestContext, organisationId: string, days: number) {
  const scope = readScope(ctx);
  const [light] = await findLights(ctx.db, scope, organisationId);
  if (!light) throw notFound('Die Organisation');
  const [events, imports] = await Promise.all([
    findHistoryEvents(ctx.db, scope, organisationId),
    findImports(ctx.db, scope, organisationId, 200),
  ]);
  return {
    ...presentLight(light),
    rule: LIGHT_RULE,
    trend: dailyTrend(events, { days, now: new Date() }),
    imports: imports.reverse().map((i) => ({
      importId: i.id,
      kind: i.kind,
      source: i.source,
      label: i.label,
      importedAt: iso(i.imported_at) as string,
      open: i.open_counts,
    })),
  };
}

export async function listScanStatus(ctx: RequestContext) {
  const scope = assertAnyPermission(ctx, 'finding.read');
  const rows = await findLights(ctx.db, scope);
  const totals = { red: 0, orange: 0, green: 0, grey: 0 };
  for (const r of rows) totals[lightOf(r)]++;
  return { rule: LIGHT_RULE, totals, items: rows.map((r) => ({ ...presentLight(r), type: r.type })) };
}
