import type { Me } from '../../api.ts';
import { ApiError } from '../../api.ts';

/** The Kommune the caller works for (isb/member); the first one when there are several. */
export function kommuneOf(me: Me): { id: string; name: string } | null {
  const m = me.memberships.find((x) => x.role === 'isb' || x.role === 'member');
  return m ? { id: m.organisationId, name: m.organisationName } : null;
}

/** The chosen Kommune of the scan screens lives in `org`, so links and the back button keep it. */
export const ORG_PARAM = 'org';

export const canEdit = (me: Me) => me.memberships.some((m) => m.role === 'isb');

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FINDING_STATES = ['open', 'fixed', 'accepted'] as const;
export const SOURCES = ['greenbone', 'nmap', 'testssl', 'nuclei', 'internetnl', 'bastei'] as const;
export const ASSET_KINDS = ['domain', 'host', 'service'] as const;
export const TARGET_KINDS = ['domain', 'host', 'ip', 'cidr'] as const;
export const SCAN_FORMATS = ['auto', 'greenbone', 'nmap', 'testssl', 'nuclei', 'internetnl'] as const;

export interface Counts {
  high: number;
  medium: number;
  low: number;
  info: number;
}

export interface Asset {
  id: string;
  organisationId: string;
  kind: (typeof ASSET_KINDS)[number];
  name: string;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
  product: string | null;
  parentId: string | null;
  notes: string | null;
}

export interface AssetImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  implicitHosts: number;
  lines: { line: number; kind: string; name: string | null; result: string }[];
}

export interface Authorisation {
  id: string;
  method: 'declaration' | 'dns-txt';
  kind: (typeof TARGET_KINDS)[number];
  target: string;
  ports: number[] | null;
  note: string | null;
  grantedBy: string | null;
  grantedAt: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
}

export interface DomainVerification {
  id: string;
  domain: string;
  token: string;
  record: { name: string; type: 'TXT'; value: string };
  status: 'pending' | 'verified' | 'expired' | 'revoked';
  verifiedAt: string | null;
  validUntil: string | null;
  lastCheckedAt: string | null;
  lastCheckResult: 'verified' | 'missing' | 'error' | null;
  lastCheckDetail: string | null;
}

export interface Finding {
  id: string;
  organisationId: string;
  source: string;
  host: string;
  port: number | null;
  protocol: string | null;
  checkId: string | null;
  vulnerabilityId: string | null;
  cves: string[];
  cvss: { score: number | null; vector: string | null };
  severity: Severity;
  title: string;
  state: (typeof FINDING_STATES)[number];
  acceptance: { reason: string; acceptedBy: string | null; expiresAt: string; expired: boolean } | null;
  fixedAt: string | null;
  firstSeen: string;
  lastSeen: string;
}

export interface FindingDetail extends Finding {
  description: string | null;
  evidence: string | null;
  solution: string | null;
  references: string[];
  history: {
    kind: string;
    fromState: string | null;
    toState: string;
    severity: string;
    reason: string | null;
    acceptedUntil: string | null;
    importLabel: string | null;
    changedBy: string;
    changedAt: string;
  }[];
  measures: { id: string; title: string; status: string }[];
}

export interface ScanImportResult {
  format: string;
  fileName: string | null;
  hosts: number;
  findingsCount: number;
  servicesCount: number;
  duplicates: number;
  created: number;
  updated: number;
  fixed: number;
  reopened: number;
  unchanged: number;
  measuresCreated: number;
  open: Counts;
}

export interface ScanImport {
  id: string;
  kind: 'import' | 'run';
  source: string;
  label: string;
  fileName: string | null;
  created: number;
  fixed: number;
  importedBy: string;
  importedAt: string;
}

export interface ScanStatus {
  organisationId: string;
  name: string;
  light: 'red' | 'orange' | 'green' | 'grey';
  lastScanAt: string | null;
  open: Counts;
  accepted: number;
  rule: string;
  trend: ({ date: string } & Counts)[];
}

export interface ScanRun {
  id: string;
  organisationId: string;
  scheduleId: string | null;
  targetHost: string;
  targetPort: number | null;
  label: string | null;
  requestedBy: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'refused';
  reason: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  summary: { results: number; findings: number; durationMs: number } | null;
  results?:
    | {
        checkId: string;
        target: { host: string; port?: number };
        status: string;
        severity: string;
        summary: { de: string; en: string };
      }[]
    | null;
}

export interface ScanSchedule {
  id: string;
  organisationId: string;
  name: string;
  cron: string;
  timezone: string;
  targets: Record<string, string>[];
  nextRunAt: string;
  lastRunAt: string | null;
  /** Set while paused: the schedule starts no runs. */
  pausedAt: string | null;
  pausedBy: string | null;
  createdBy: string;
  createdAt: string;
}

/** Ready-made cron expressions (minute hour day month weekday), in the schedule's time zone. */
export const SCHEDULE_PRESETS = [
  { key: 'daily', cron: '0 2 * * *' },
  { key: 'weekly', cron: '0 3 * * 1' },
  { key: 'monthly', cron: '0 4 1 * *' },
] as const;

/**
 * A schedule's time as its Kommune reads it: in the schedule's zone (Europe/Berlin), with the
 * weekday, so "Mo 03:00" is not shown as 02:00 on a machine set to UTC.
 */
export function formatScheduleTime(iso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** The preset an expression is (white space aside), if any. */
export function presetOf(cron: string): (typeof SCHEDULE_PRESETS)[number]['key'] | null {
  const normal = cron.trim().split(/\s+/).join(' ');
  return SCHEDULE_PRESETS.find((p) => p.cron === normal)?.key ?? null;
}

/** Field errors keyed by the body path after `/body/` (e.g. `report.title`), for form fields. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}

/** Value, error and onChange of one field of a form that is kept in one state object. */
export function fieldBinder<F extends Record<string, string>>(
  form: F,
  setForm: (next: F) => void,
  errors: Record<string, string>,
) {
  return <K extends keyof F & string>(key: K, errorKey: string = key) => ({
    value: form[key],
    error: errors[errorKey],
    onChange: (value: F[K]) => setForm({ ...form, [key]: value }),
  });
}

/** `2026-01-10T02:10` (datetime-local, the browser's zone) → ISO instant; '' stays null. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant as the value of a datetime-local input, in the browser's zone. */
export function isoToLocal(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
