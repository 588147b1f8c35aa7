/**
 * The normalised result of importing one scanner report. Every parser in this folder maps its
 * scanner's records onto these types and nothing else; nothing here touches a database.
 *
 * Conventions shared by all parsers:
 * - `host` is the target as the scanner addressed it: the name when the report says a name was
 *   the target (Nuclei, testssl.sh, internet.nl, Nmap `hostname type="user"`), otherwise the IP
 *   address (Greenbone results, Nmap). `ip` and `hostname` carry whatever the report adds.
 *   `ip` is only set when the value is a syntactically valid IPv4/IPv6 address.
 * - `checkId` names the scanner's test (Greenbone NVT OID, Nuclei template id, testssl.sh id,
 *   internet.nl test name, `nmap:<script>[:<aspect>]`); together with `source`, host, port and
 *   protocol it is the stable key for "the same finding in the next scan".
 * - `vulnerabilityId` is the primary public identifier of the weakness when there is one
 *   (usually the first CVE; for Nmap vulners rows the vulners id).
 * - `references` holds URLs and typed advisory ids such as `CERT-Bund:WID-SEC-2023-1234`.
 */
import { isIP } from 'node:net';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Report formats `importReport` understands; each one is produced by exactly one source. */
export const SCAN_FORMATS = ['greenbone', 'nmap', 'testssl', 'nuclei', 'internetnl'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** Where a finding comes from: an imported report's scanner, or `bastei` for our own checks (checks/). */
export const SCAN_SOURCES = [...SCAN_FORMATS, 'bastei'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];

export type TransportProtocol = 'tcp' | 'udp';

export type RawValue = string | number | boolean | null | readonly string[];

export interface CvssInfo {
  /** `2.0`, `3.0`, `3.1`, `4.0` when the report tells (from the vector or the severity type). */
  version?: string;
  score?: number;
  vector?: string;
}

export interface ImportedFinding {
  host: string;
  ip?: string;
  hostname?: string;
  port?: number;
  protocol?: TransportProtocol;
  /** Service name as the scanner saw it (`http`, `ssh`, `general`), when known. */
  service?: string;
  checkId?: string;
  vulnerabilityId?: string;
  title: string;
  description?: string;
  /** Upper-case CVE ids, de-duplicated, in report order. */
  cves: string[];
  /** Upper-case CWE ids (`CWE-310`) when the report names them. */
  cwes?: string[];
  cvss?: CvssInfo;
  severity: Severity;
  /** What the scanner actually observed (detection output, matched URL, testssl finding text). */
  evidence?: string;
  solution?: string;
  references: string[];
  source: ScanSource;
  /** A few scanner-specific fields worth keeping (threat, qod, template path, ...), never the whole record. */
  raw?: Record<string, RawValue>;
}

/** One finding as the storage (findings/ingest.ts) takes it, from a report import or a scan run. */
export type ScanFinding = ImportedFinding;

export interface ImportedService {
  host: string;
  ip?: string;
  hostname?: string;
  port: number;
  protocol: TransportProtocol;
  /** Nmap port state: open, closed, filtered, open|filtered, unfiltered, closed|filtered. */
  state: string;
  /** Service name (`http`, `ssh`). */
  name?: string;
  product?: string;
  version?: string;
  extraInfo?: string;
  /** `ssl` when Nmap saw TLS wrapped around the service. */
  tunnel?: string;
  cpes: string[];
}

/**
 * Something the scan looked at. `port` absent means the whole host was assessed (Greenbone hosts,
 * internet.nl domains); a previous finding on that host that is missing from this report can be
 * treated as fixed. With `port` set only that host+port+protocol was assessed.
 */
export interface CoveredTarget {
  host: string;
  port?: number;
  protocol?: TransportProtocol;
}

export interface ImportedReportSummary {
  format: ScanFormat;
  scannerVersion?: string;
  /** ISO 8601 timestamps, UTC. */
  startedAt?: string;
  endedAt?: string;
  /** Every host the report says was scanned, in first-seen order. */
  hosts: string[];
  findingsCount: number;
  servicesCount: number;
  coveredTargets: CoveredTarget[];
  /**
   * True when the report itself does not describe the scan scope and `coveredTargets` was
   * derived from the findings only (Nuclei). Callers must then know the scope from elsewhere
   * before marking anything fixed.
   */
  coverageFromFindingsOnly: boolean;
  /** Nmap only: the port ranges from `<scaninfo services=...>` per protocol, e.g. `{ tcp: '1-1024' }`. */
  portScope?: Partial<Record<TransportProtocol, string>>;
  /** Number of primary records read (GVM results, Nmap ports, testssl lines, Nuclei results, internet.nl tests). */
  recordsTotal: number;
  /**
   * Records per the scanner's own label (GVM threat, Nmap port state, testssl severity, Nuclei
   * severity, internet.nl status), including the ones that produced no finding (e.g. testssl OK).
   */
  recordCounts: Record<string, number>;
}

export type ImportedItem =
  | { kind: 'finding'; finding: ImportedFinding }
  | { kind: 'service'; service: ImportedService };

export interface ImportedReport {
  summary: ImportedReportSummary;
  findings: ImportedFinding[];
  services: ImportedService[];
}

/** CVSS v3/v4 qualitative rating; 0.0 is "none", which we call info. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

export function cvssVersionFromVector(vector: string | undefined): string | undefined {
  if (!vector) return undefined;
  const match = /^CVSS:(\d\.\d)\//.exec(vector);
  if (match) return match[1];
  if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]/.test(vector)) return '2.0';
  return undefined;
}

export function parseScore(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

const CVE_RE = /CVE-\d{4}-\d{4,}/gi;
const CWE_RE = /^CWE-?(\d+)$/i;

/** All CVE ids mentioned in the values, upper-cased and de-duplicated. */
export function extractCves(...values: readonly (string | undefined | null)[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    if (!value) continue;
    for (const match of value.matchAll(CVE_RE)) pushUnique(out, match[0].toUpperCase());
  }
  return out;
}

export function normaliseCwe(value: string): string | undefined {
  const match = CWE_RE.exec(value.trim());
  return match ? `CWE-${match[1]}` : undefined;
}

export function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

export function validIp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return isIP(bare) ? bare : undefined;
}

export function parsePort(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,5}$/.test(value.trim())
        ? Number(value)
        : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

/** Collapse runs of whitespace (pretty-printed XML wraps titles across lines). */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Trims a multi-line text and removes the indentation that pretty-printed XML adds to every line
 * after the first (the common leading whitespace of those lines); trailing spaces go too.
 */
export function tidyText(value: string | undefined | null): string | undefined {
  const text = nonEmpty(value);
  if (!text?.includes('\n')) return text;
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent) || indent === 0) return lines.join('\n');
  return [lines[0], ...lines.slice(1).map((line) => line.slice(indent))].join('\n');
}

/** `undefined` for empty/whitespace strings, otherwise the trimmed string. */
export function nonEmpty(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Unix seconds (number or digit string) or a date string to ISO 8601; undefined when unparseable. */
export function toIsoTime(value: unknown): string | undefined {
  let ms: number;
  if (typeof value === 'number') ms = value * 1000;
  else if (typeof value === 'string' && /^\d{9,11}$/.test(value.trim())) ms = Number(value.trim()) * 1000;
  else if (typeof value === 'string' && value.trim() !== '') ms = Date.parse(value.trim());
  else return undefined;
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Is `target` (the host/port/protocol of an earlier finding) inside what this report covered?
 * A host-level entry covers every port of that host.
 */
export function isCovered(
  covered: readonly CoveredTarget[],
  target: { host: string; port?: number; protocol?: TransportProtocol },
): boolean {
  const host = target.host.toLowerCase();
  return covered.some(
    (c) =>
      c.host.toLowerCase() === host &&
      (c.port === undefined ||
        (c.port === target.port && (c.protocol === undefined || c.protocol === target.protocol))),
  );
}

/** Accumulates the summary while a parser streams; memory grows with hosts/ports, not findings. */
export class SummaryBuilder {
  scannerVersion: string | undefined;
  startedAt: string | undefined;
  endedAt: string | undefined;
  portScope: Partial<Record<TransportProtocol, string>> | undefined;
  coverageFromFindingsOnly = false;
  private readonly hosts = new Set<string>();
  private readonly covered = new Map<string, CoveredTarget>();
  private findings = 0;
  private services = 0;
  private records = 0;
  private readonly counts: Record<string, number> = {};

  constructor(private readonly format: ScanFormat) {}

  host(host: string): void {
    this.hosts.add(host);
  }

  cover(host: string, port?: number, protocol?: TransportProtocol): void {
    this.hosts.add(host);
    const key = `${host.toLowerCase()}|${port ?? ''}|${protocol ?? ''}`;
    if (!this.covered.has(key)) {
      this.covered.set(key, {
        host,
        ...(port !== undefined ? { port } : {}),
        ...(protocol !== undefined ? { protocol } : {}),
      });
    }
  }

  record(label: string): void {
    this.records += 1;
    this.counts[label] = (this.counts[label] ?? 0) + 1;
  }

  finding(item: ImportedFinding): ImportedItem {
    this.findings += 1;
    return { kind: 'finding', finding: item };
  }

  service(item: ImportedService): ImportedItem {
    this.services += 1;
    return { kind: 'service', service: item };
  }

  build(): ImportedReportSummary {
    return {
      format: this.format,
      ...(this.scannerVersion ? { scannerVersion: this.scannerVersion } : {}),
      ...(this.startedAt ? { startedAt: this.startedAt } : {}),
      ...(this.endedAt ? { endedAt: this.endedAt } : {}),
      hosts: [...this.hosts],
      findingsCount: this.findings,
      servicesCount: this.services,
      coveredTargets: [...this.covered.values()],
      coverageFromFindingsOnly: this.coverageFromFindingsOnly,
      ...(this.portScope ? { portScope: this.portScope } : {}),
      recordsTotal: this.records,
      recordCounts: { ...this.counts },
    };
  }
}

/** Drops keys whose value is `undefined` so results compare cleanly and serialise compactly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
