/**
 * Types of Bastei's built-in checks. Pure data: no database, no HTTP API. A `CheckDefinition` is
 * the catalogue entry (what is checked, why, against which rule); a `CheckResult` is one outcome
 * of running a check against one target (host, and port/service where the check is per service).
 */

export const CHECK_SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export const CHECK_STATUSES = ['pass', 'fail', 'warn', 'error', 'not_applicable'] as const;
/**
 * - `pass`: the rule is met.
 * - `fail`: the rule is broken; becomes a finding (see `toImportedFindings`).
 * - `warn`: not broken, but worth a note (e.g. a suite outside BSI's list, security.txt expiring
 *   more than a year ahead). Only becomes a finding when asked for.
 * - `error`: the check could not be carried out (timeout, protocol error); says nothing about the rule.
 * - `not_applicable`: the check does not apply to this target; `evidence.reason` says why.
 */
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** German first, English second, like the UI. */
export interface LocalizedText {
  de: string;
  en: string;
}

export const CHECK_IDS = [
  'https.available',
  'https.redirect',
  'http.hsts',
  'http.headers',
  'http.security-txt',
  'tls.protocols',
  'tls.ciphers',
  'tls.cert.trust',
  'tls.cert.hostname',
  'tls.cert.expiry',
  'tls.cert.key',
  'tls.cert.signature',
  'mail.spf',
  'mail.dmarc',
  'mail.starttls',
  'dns.dnssec',
  'dns.caa',
  'exposure.service',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckCategory = 'web' | 'tls' | 'mail' | 'dns' | 'exposure';

export interface CheckDefinition {
  /** Stable id; findings are keyed by it, so it never changes once released. */
  id: CheckId;
  category: CheckCategory;
  /** Severity of a failure when the outcome does not pick a more specific one. */
  severity: CheckSeverity;
  title: LocalizedText;
  /** Why the rule matters, in our own words. */
  rationale: LocalizedText;
  /** What to do about a failure; becomes the finding's `solution`. */
  remediation: LocalizedText;
  /** The standard and section the rule follows, e.g. `BSI TR-02102-2 (2025-01), 3.3.1`. */
  reference: string;
  /** Further sources (RFCs, BSI documents) as URLs or citations. */
  seeAlso: readonly string[];
  /**
   * ISO date (YYYY-MM-DD) after which the rule must be reviewed because its source only sets
   * it until then (BSI's TR-02102 gives such horizons); absent when the source sets none.
   */
  validUntil?: string;
  /** How each outcome is rated; shown to auditors so ratings are traceable. */
  ratings: readonly string[];
  /**
   * Bastei-Basis requirement ids (e.g. `BB-MWE-08`) that a failure of this check contradicts when
   * the self-assessment answers them "yes": every failure of the check must make that "yes"
   * untenable, not merely be related. Empty when no requirement is that specific.
   */
  baselineRequirements: readonly string[];
}

export interface CheckTarget {
  /** Host name, IP address or mail domain as the caller named it (MX host for mail.starttls). */
  host: string;
  port?: number;
  /** `https`, `http`, `smtp`, `rdp`, ... */
  service?: string;
}

/** JSON-compatible evidence; structured so the UI can render it and diffs stay meaningful. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Evidence = { [key: string]: JsonValue };

export interface CheckResult {
  checkId: CheckId;
  target: CheckTarget;
  status: CheckStatus;
  /** For `pass`/`not_applicable`/`error` the catalogue default; for `fail`/`warn` the rated one. */
  severity: CheckSeverity;
  summary: LocalizedText;
  evidence: Evidence;
  /** ISO 8601 UTC time when the observation was made. */
  observedAt: string;
}

/** A DNS server reachable over UDP and TCP (by default the same port for both). */
export interface ResolverAddress {
  host: string;
  port: number;
  /** TCP port when it differs from the UDP one (test servers on random ports). */
  tcpPort?: number;
}

/** What to scan. Exactly one of `url`, `host`, `domain`. */
export type ScanTarget = { url: string } | { host: string } | { domain: string };

export interface RunOptions {
  /** DNS server for every lookup the checks make (A/AAAA, MX, TXT, CAA). Default: the system's first. */
  resolver?: ResolverAddress;
  /** The configured resolver validates DNSSEC; only then `dns.dnssec` is evaluated. */
  validatingResolver?: boolean;
  /** PEM or DER trust anchors for `tls.cert.trust`. Default: Node's bundled Mozilla root store. */
  caCertificates?: readonly (string | Buffer)[];
  /**
   * Port overrides: standard port → port actually connected to (tests map 443, 80, 25, 3389, ...
   * onto random loopback ports), or `false` to never touch that port. Results report the port
   * actually connected to.
   */
  ports?: Readonly<Record<number, number | false>>;
  /** Static host → address map (like curl's --resolve); consulted before DNS. */
  addresses?: Readonly<Record<string, string>>;
  /** Timeout per network operation (connect, handshake, request, DNS query). Default 5000 ms. */
  timeoutMs?: number;
  /** Network operations running at once for one target. Default 16. */
  concurrency?: number;
  /** Names the scanner uses in SMTP EHLO. Default `bastei-scanner.invalid`. */
  ehloName?: string;
  /** Enumerate protocols and suites on each MX over repeated STARTTLS sessions (default: only the certificate and the negotiated parameters of one session). */
  smtpTlsEnumeration?: boolean;
  /** Clock for expiry ratings (tests). Default `new Date()`. */
  now?: () => Date;
}
