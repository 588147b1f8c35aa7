/**
 * From a parsed finding to the row we keep: our four severities, the deduplication key, limits of
 * the columns, and the coverage of a report in the shape ingest takes. Pure, no database.
 */
import { createHash } from 'node:crypto';
import type { FindingSeverity } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import type { CoveredTarget, ScanFinding, ScanSource, Severity } from '../imports/finding.ts';

export interface Coverage {
  host: string;
  /** Absent: the whole host was assessed. */
  ports?: number[];
}

export interface NormalisedFinding {
  host: string;
  ip: string | null;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
  service: string | null;
  checkId: string | null;
  vulnerabilityId: string | null;
  key: string;
  source: ScanSource;
  cves: string[];
  cvssScore: number | null;
  cvssVector: string | null;
  severity: FindingSeverity;
  reportedSeverity: Severity;
  title: string;
  description: string | null;
  evidence: string | null;
  solution: string | null;
  references: string[];
}

export const SEVERITY_RANK: Record<FindingSeverity, number> = { high: 3, medium: 2, low: 1, info: 0 };

/** A scanner's "critical" is above our top level; the traffic light treats both alike. */
export function ourSeverity(severity: Severity): FindingSeverity {
  return severity === 'critical' ? 'high' : severity;
}

const cut = (value: string | undefined | null, max: number): string | null => {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
};

/**
 * The scanner's name for "the same weakness": source + check id, plus the vulnerability id when
 * there is one (one Nmap vulners check reports many CVEs). Without either, a hash of the title.
 */
export function findingKey(source: ScanSource, checkId: string | null, vulnerabilityId: string | null) {
  const parts = [checkId, vulnerabilityId].filter((p): p is string => p !== null);
  return `${source}:${parts.join('|')}`.slice(0, 1000);
}

export function normaliseFinding(finding: ScanFinding, index: number): NormalisedFinding {
  const host =
    finding.host
      ?.trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '') ?? '';
  if (host === '' || host.length > 253) {
    throw new AppError('validation-failed', {
      detail: `Befund ${index + 1}: der Host fehlt oder ist länger als 253 Zeichen.`,
      errors: [{ pointer: `/findings/${index}/host`, message: 'ungültiger Host' }],
    });
  }
  // Port 0 is what scanners write for host-wide results ("general/tcp").
  const port = finding.port !== undefined && finding.port >= 1 && finding.port <= 65535 ? finding.port : null;
  const checkId = cut(finding.checkId, 300);
  const vulnerabilityId = cut(finding.vulnerabilityId, 300);
  const title = cut(finding.title, 500) ?? checkId ?? vulnerabilityId ?? 'Befund ohne Titel';
  const key =
    checkId || vulnerabilityId
      ? findingKey(finding.source, checkId, vulnerabilityId)
      : `${finding.source}:title:${createHash('sha256').update(title).digest('hex').slice(0, 32)}`;
  const score = finding.cvss?.score;
  return {
    host,
    ip: cut(finding.ip, 45),
    port,
    protocol: port === null ? null : (finding.protocol ?? 'tcp'),
    service: cut(finding.service, 100),
    checkId,
    vulnerabilityId,
    key,
    source: finding.source,
    cves: [...new Set(finding.cves ?? [])].slice(0, 500),
    cvssScore: score !== undefined && Number.isFinite(score) && score >= 0 && score <= 10 ? score : null,
    cvssVector: cut(finding.cvss?.vector, 300),
    severity: ourSeverity(finding.severity),
    reportedSeverity: finding.severity,
    title,
    description: cut(finding.description, 20_000),
    evidence: cut(finding.evidence, 20_000),
    solution: cut(finding.solution, 20_000),
    references: (finding.references ?? []).slice(0, 200).map((r) => r.slice(0, 2000)),
  };
}

export const assetKey = (host: string, port: number | null, protocol: string | null) =>
  `${host}|${port ?? ''}|${protocol ?? ''}`;
export const findingIdentity = (f: {
  host: string;
  port: number | null;
  protocol: string | null;
  key: string;
}) => `${assetKey(f.host, f.port, f.protocol)}|${f.key}`;

/**
 * One row per finding identity; a report that names the same finding twice (some scanners repeat
 * a result per detection method) keeps the more severe record.
 */
export function dedupe(findings: NormalisedFinding[]): { unique: NormalisedFinding[]; duplicates: number } {
  const byIdentity = new Map<string, NormalisedFinding>();
  for (const f of findings) {
    const id = findingIdentity(f);
    const seen = byIdentity.get(id);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) byIdentity.set(id, f);
  }
  return { unique: [...byIdentity.values()], duplicates: findings.length - byIdentity.size };
}

/** The parsers' covered targets (host or host+port) as ingest takes them: one entry per host. */
export function coverageFromTargets(targets: readonly CoveredTarget[]): Coverage[] {
  const byHost = new Map<string, Set<number> | 'all'>();
  for (const target of targets) {
    const host = target.host
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    const current = byHost.get(host);
    if (target.port === undefined || target.port === 0) byHost.set(host, 'all');
    else if (current !== 'all') byHost.set(host, (current ?? new Set()).add(target.port));
  }
  return [...byHost].map(([host, ports]) =>
    ports === 'all' ? { host } : { host, ports: [...ports].sort((a, b) => a - b) },
  );
}

export function normaliseCoverage(coverage: readonly Coverage[]): Map<string, Set<number> | 'all'> {
  const byHost = new Map<string, Set<number> | 'all'>();
  for (const entry of coverage) {
    const host = entry.host
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    const current = byHost.get(host);
    if (!entry.ports) byHost.set(host, 'all');
    else if (current !== 'all') {
      const ports = current ?? new Set<number>();
      for (const p of entry.ports) ports.add(p);
      byHost.set(host, ports);
    }
  }
  return byHost;
}

/**
 * Did the scan look where the finding was? Its host must be covered; a port-specific finding also
 * needs its port (or the whole host) covered.
 */
export function covers(
  coverage: Map<string, Set<number> | 'all'>,
  host: string,
  port: number | null,
): boolean {
  const entry = coverage.get(host);
  if (entry === undefined) return false;
  if (entry === 'all' || port === null) return true;
  return entry.has(port);
}
