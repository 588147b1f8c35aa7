import type { FindingSource } from '../../../platform/db/schema.ts';
import type { FindingRecord, ImportRecord, LightRow } from './repository.ts';
import type { FindingDto } from './schemas.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentFinding(r: FindingRecord): FindingDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    assetId: r.asset_id,
    source: r.source,
    host: r.host,
    ip: r.ip,
    port: r.port,
    protocol: r.protocol,
    service: r.service,
    checkId: r.check_id,
    vulnerabilityId: r.vulnerability_id,
    cves: r.cves,
    cvss: { score: r.cvss_score === null ? null : Number(r.cvss_score), vector: r.cvss_vector },
    severity: r.severity,
    reportedSeverity: r.reported_severity,
    title: r.title,
    state: r.state,
    acceptance:
      r.stored_state === 'accepted' && r.accepted_reason && r.accepted_until
        ? {
            reason: r.accepted_reason,
            acceptedBy: r.accepted_by_name,
            acceptedAt: iso(r.accepted_at),
            expiresAt: iso(r.accepted_until) as string,
            expired: r.state === 'open',
          }
        : null,
    fixedAt: iso(r.fixed_at),
    firstSeen: iso(r.first_seen) as string,
    lastSeen: iso(r.last_seen) as string,
  };
}

export type Light = 'red' | 'orange' | 'green' | 'grey';

export function lightOf(r: LightRow): Light {
  if (r.open_high > 0) return 'red';
  if (r.open_medium > 0) return 'orange';
  return r.last_scan_at ? 'green' : 'grey';
}

export function presentLight(r: LightRow) {
  return {
    organisationId: r.organisation_id,
    name: r.name,
    ars: r.ars,
    light: lightOf(r),
    lastScanAt: iso(r.last_scan_at),
    open: { high: r.open_high, medium: r.open_medium, low: r.open_low, info: r.open_info },
    accepted: r.accepted,
  };
}

export function presentImport(r: ImportRecord) {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    source: r.source as FindingSource,
    label: r.label,
    fileName: r.file_name,
    sha256: r.sha256,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    runId: r.run_id,
    scannerVersion: r.scanner_version,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    coverage: r.coverage,
    coverageFromFindingsOnly: r.coverage_from_findings_only,
    findingsReported: r.findings_reported,
    servicesReported: r.services_reported,
    created: r.created_count,
    updated: r.updated_count,
    fixed: r.fixed_count,
    reopened: r.reopened_count,
    unchanged: r.unchanged_count,
    open: r.open_counts,
    importedBy: r.imported_by_label,
    importedAt: iso(r.imported_at) as string,
  };
}
