/**
 * ProjectDiscovery Nuclei results: JSON Lines (`-jsonl`, one result per line, streamed line by
 * line) or a JSON array (`-json-export`, read whole up to `maxBytes`). Both the current field names
 * (`template-id`, `matched-at`) and the pre-2.6 ones (`templateID`, `matched`) are accepted.
 *
 * Mapping decisions:
 * - One finding per result line; severity is `info.severity` (`unknown` becomes `info`).
 * - `host` is the host name from the `host` field (a URL or `host:port`), `ip` the `ip` field.
 *   The port comes from `port`, else from `matched-at`, else from the URL scheme (80/443).
 * - Nuclei writes only matches, not what it scanned: coverage is derived from the findings, and
 *   `summary.coverageFromFindingsOnly` is true. `startedAt`/`endedAt` are the first/last timestamp.
 */
import { z } from 'zod';
import { ScanImportError } from './errors.ts';
import {
  compact,
  cvssVersionFromVector,
  extractCves,
  type ImportedFinding,
  type ImportedItem,
  type ImportedReportSummary,
  nonEmpty,
  normaliseCwe,
  parsePort,
  parseScore,
  pushUnique,
  type RawValue,
  type Severity,
  SummaryBuilder,
  type TransportProtocol,
  toIsoTime,
  validIp,
} from './finding.ts';
import {
  byteChunks,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_RECORD_BYTES,
  type ParseOptions,
  parseJson,
  peek,
  type ReportInput,
  readAllText,
  textLines,
  validate,
} from './input.ts';

const FORMAT = 'nuclei' as const;

const stringList = z
  .union([z.array(z.string()), z.string(), z.null()])
  .optional()
  .transform((v) => (v == null ? [] : Array.isArray(v) ? v : v.split(',').map((s) => s.trim())));

const Result = z
  .looseObject({
    'template-id': z.string().min(1).optional(),
    templateID: z.string().min(1).optional(),
    template: z.string().optional(),
    'template-path': z.string().optional(),
    'template-url': z.string().optional(),
    info: z.looseObject({
      name: z.string().optional(),
      severity: z.string().optional(),
      description: z.string().nullable().optional(),
      remediation: z.string().nullable().optional(),
      reference: stringList,
      tags: stringList,
      classification: z
        .looseObject({
          'cve-id': stringList,
          'cwe-id': stringList,
          'cvss-metrics': z.string().nullable().optional(),
          'cvss-score': z.union([z.number(), z.string()]).nullable().optional(),
        })
        .nullable()
        .optional(),
    }),
    type: z.string().optional(),
    host: z.string().optional(),
    'matched-at': z.string().optional(),
    matched: z.string().optional(),
    url: z.string().optional(),
    ip: z.string().optional(),
    port: z.union([z.string(), z.number()]).optional(),
    timestamp: z.string().optional(),
    'matcher-name': z.string().optional(),
    'extractor-name': z.string().optional(),
    'extracted-results': z.array(z.string()).nullable().optional(),
  })
  .refine((r) => Boolean(r['template-id'] ?? r.templateID), { message: 'template-id is missing' })
  .refine((r) => Boolean(r.host ?? r['matched-at'] ?? r.matched ?? r.ip), { message: 'host is missing' });
type Result = z.infer<typeof Result>;

const SEVERITIES = new Set<string>(['critical', 'high', 'medium', 'low', 'info']);
const TCP_TYPES = new Set(['http', 'network', 'tcp', 'ssl', 'websocket', 'headless', 'javascript']);

export async function* parseNuclei(
  input: ReportInput,
  options: ParseOptions = {},
): AsyncGenerator<ImportedItem, ImportedReportSummary, undefined> {
  const summary = new SummaryBuilder(FORMAT);
  summary.coverageFromFindingsOnly = true;
  const times: { first?: string; last?: string } = {};
  const { head, stream } = await peek(byteChunks(input, FORMAT), 4096);
  const firstChar = Buffer.from(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()[0];

  if (firstChar === '[') {
    const document = parseJson(
      await readAllText(stream, FORMAT, options.maxBytes ?? DEFAULT_MAX_BYTES),
      FORMAT,
    );
    if (!Array.isArray(document))
      throw new ScanImportError(FORMAT, 'expected a JSON array', { reason: 'malformed' });
    for (const [index, value] of document.entries()) {
      const result = validate(Result, value, FORMAT, `result ${index + 1}`);
      yield summary.finding(mapResult(result, summary, times));
    }
  } else {
    const lines = textLines(stream, FORMAT, options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
    for await (const line of lines) {
      const value = parseJson(line.text, FORMAT, line.line - 1);
      const result = validate(Result, value, FORMAT, `line ${line.line}`, { line: line.line });
      yield summary.finding(mapResult(result, summary, times));
    }
  }
  summary.startedAt = times.first;
  summary.endedAt = times.last;
  return summary.build();
}

interface Target {
  host?: string;
  port?: number;
  scheme?: string;
}

/** `https://example.org:8443/x`, `example.org:22`, `[2001:db8::1]:443`, `192.0.2.1`. */
export function splitTarget(value: string | undefined): Target {
  const text = nonEmpty(value);
  if (!text) return {};
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      const scheme = url.protocol.slice(0, -1).toLowerCase();
      const defaultPort =
        scheme === 'https' || scheme === 'wss' ? 443 : scheme === 'http' || scheme === 'ws' ? 80 : undefined;
      return compact({
        host: url.hostname.replace(/^\[|\]$/g, '') || undefined,
        port: url.port ? Number(url.port) : defaultPort,
        scheme,
      });
    } catch {
      return {};
    }
  }
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?/.exec(text);
  if (bracketed) return compact({ host: bracketed[1], port: parsePort(bracketed[2]) });
  if (validIp(text)) return { host: text };
  const hostPort = /^([^:/\s]+)(?::(\d{1,5}))?(?:[/?#].*)?$/.exec(text);
  if (hostPort) return compact({ host: hostPort[1], port: parsePort(hostPort[2]) });
  return { host: text };
}

function mapResult(
  result: Result,
  summary: SummaryBuilder,
  times: { first?: string; last?: string },
): ImportedFinding {
  const templateId = (result['template-id'] ?? result.templateID) as string;
  const info = result.info;
  const label = (info.severity ?? 'unknown').trim().toLowerCase();
  summary.record(label);
  const severity: Severity = SEVERITIES.has(label) ? (label as Severity) : 'info';

  const matchedAt = result['matched-at'] ?? result.matched;
  const fromHost = splitTarget(result.host);
  const fromMatch = splitTarget(matchedAt);
  const fromUrl = splitTarget(result.url);
  const ip = validIp(nonEmpty(result.ip));
  const host = fromHost.host ?? fromMatch.host ?? ip;
  if (!host)
    throw new ScanImportError(FORMAT, `result of ${templateId} names no host`, { reason: 'invalid-record' });
  const port =
    parsePort(result.port) ??
    (fromMatch.host === host ? fromMatch.port : undefined) ??
    (fromUrl.host === host ? fromUrl.port : undefined) ??
    fromHost.port;
  const type = nonEmpty(result.type)?.toLowerCase();
  const protocol: TransportProtocol | undefined = type && TCP_TYPES.has(type) ? 'tcp' : undefined;
  summary.cover(host, port, port !== undefined ? protocol : undefined);

  const classification = info.classification ?? undefined;
  const cves = extractCves(...(classification?.['cve-id'] ?? []));
  const cwes: string[] = [];
  for (const cwe of classification?.['cwe-id'] ?? []) {
    const normalised = normaliseCwe(cwe);
    if (normalised) pushUnique(cwes, normalised);
  }
  const vector = nonEmpty(classification?.['cvss-metrics']);
  const score = parseScore(classification?.['cvss-score']);
  const references: string[] = [];
  for (const ref of info.reference) if (nonEmpty(ref)) pushUnique(references, ref.trim());

  const extracted = (result['extracted-results'] ?? []).map((r) => r.trim()).filter(Boolean);
  const evidence = [
    matchedAt && `matched at ${matchedAt}`,
    result['matcher-name'] && `matcher: ${result['matcher-name']}`,
    extracted.length > 0 && `extracted: ${extracted.join(', ')}`,
  ].filter((p): p is string => Boolean(p));

  const timestamp = toIsoTime(result.timestamp);
  if (timestamp) {
    if (!times.first || timestamp < times.first) times.first = timestamp;
    if (!times.last || timestamp > times.last) times.last = timestamp;
  }
  const raw: Record<string, RawValue> = {};
  const templatePath = result.template ?? result['template-path'];
  if (templatePath) raw.template = templatePath;
  if (result['template-url']) raw.templateUrl = result['template-url'];
  if (type) raw.type = type;
  if (matchedAt) raw.matchedAt = matchedAt;
  if (result['matcher-name']) raw.matcherName = result['matcher-name'];
  if (timestamp) raw.timestamp = timestamp;
  if (info.tags.length) raw.tags = info.tags;
  if (label !== severity) raw.nucleiSeverity = label;

  return compact<ImportedFinding>({
    host,
    ip,
    hostname: validIp(host) ? undefined : host,
    port,
    protocol: port !== undefined ? protocol : undefined,
    checkId: templateId,
    vulnerabilityId: cves[0],
    title: nonEmpty(info.name) ?? templateId,
    description: nonEmpty(info.description),
    cves,
    cwes: cwes.length ? cwes : undefined,
    cvss:
      vector || score !== undefined
        ? compact({ version: cvssVersionFromVector(vector), score, vector })
        : undefined,
    severity,
    evidence: evidence.length ? evidence.join('\n') : undefined,
    solution: nonEmpty(info.remediation),
    references,
    source: FORMAT,
    raw,
  });
}
