/**
 * testssl.sh JSON: the flat array (`--jsonfile`) and the nested `--jsonfile-pretty` document with
 * `scanResult[].{protocols,ciphers,serverDefaults,vulnerabilities,...}`. Both are JSON documents,
 * so they are read whole, up to `maxBytes`.
 *
 * Mapping decisions:
 * - Severity: CRITICAL/HIGH/MEDIUM/LOW map 1:1; OK, INFO, WARN (a test could not be done) and FATAL
 *   (scan problem) become `info`.
 * - Every line except `OK` and `DEBUG` becomes a finding: OK lines state that a check passed and
 *   carry nothing to act on. All lines (OK included) are counted in `summary.recordCounts` under
 *   their testssl severity. The flat file's trailing `scanTime` line is metadata, not a record.
 * - `host` is the name testssl.sh was given (`targetHost`, or the part before `/` in the flat
 *   `ip` field); `ip` is the address it connected to. Coverage is host+port (tcp) per target.
 * - `checkId` is the testssl id (`cert_chain_of_trust`, `LUCKY13`); `title` is `id: finding`.
 */
import { z } from 'zod';
import { ownValue } from '../../../platform/own-value.ts';
import { ScanImportError } from './errors.ts';
import {
  compact,
  extractCves,
  type ImportedFinding,
  type ImportedItem,
  type ImportedReportSummary,
  nonEmpty,
  normaliseCwe,
  parsePort,
  type RawValue,
  type Severity,
  SummaryBuilder,
  toIsoTime,
  validIp,
} from './finding.ts';
import {
  byteChunks,
  DEFAULT_MAX_BYTES,
  type ParseOptions,
  parseJson,
  type ReportInput,
  readAllText,
  validate,
} from './input.ts';

const FORMAT = 'testssl' as const;

const stringish = z.union([z.string(), z.number()]).transform(String);

const Entry = z.looseObject({
  id: z.string().min(1),
  ip: z.string().optional(),
  port: stringish.optional(),
  severity: z.string().min(1),
  finding: stringish.optional(),
  cve: z.string().optional(),
  cwe: z.string().optional(),
  hint: z.string().optional(),
});
type Entry = z.infer<typeof Entry>;

const Target = z.looseObject({
  targetHost: z.string().optional(),
  ip: z.string().optional(),
  port: stringish.optional(),
  rDNS: z.string().optional(),
  service: z.string().optional(),
});

const Pretty = z.looseObject({
  version: z.string().optional(),
  startTime: stringish.optional(),
  scanTime: stringish.optional(),
  scanResult: z.array(z.looseObject({})),
});

const SEVERITY: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
};
const NOT_FINDINGS = new Set(['OK', 'DEBUG']);
const META_IDS = new Set(['scanTime']);

interface TargetInfo {
  host: string;
  ip?: string;
  hostname?: string;
  port?: number;
  service?: string;
}

export async function* parseTestssl(
  input: ReportInput,
  options: ParseOptions = {},
): AsyncGenerator<ImportedItem, ImportedReportSummary, undefined> {
  const text = await readAllText(byteChunks(input, FORMAT), FORMAT, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const document = parseJson(text, FORMAT);
  const summary = new SummaryBuilder(FORMAT);

  if (Array.isArray(document)) {
    for (const [index, value] of document.entries()) {
      const entry = validate(Entry, value, FORMAT, `entry ${index + 1}`);
      if (META_IDS.has(entry.id)) continue;
      const target = flatTarget(entry);
      const finding = mapEntry(entry, target, undefined, summary);
      if (finding) yield summary.finding(finding);
    }
    return summary.build();
  }

  const pretty = validate(Pretty, document, FORMAT, 'document');
  summary.scannerVersion = pretty.version?.trim().split(/\s+/)[0] || undefined;
  summary.startedAt = toIsoTime(pretty.startTime);
  const start = Number(pretty.startTime);
  const duration = Number(pretty.scanTime);
  if (Number.isFinite(start) && Number.isFinite(duration) && summary.startedAt) {
    summary.endedAt = toIsoTime(start + duration);
  }
  for (const [index, result] of pretty.scanResult.entries()) {
    const target = validate(Target, result, FORMAT, `scanResult ${index + 1}`);
    const host = nonEmpty(target.targetHost) ?? nonEmpty(target.ip);
    if (!host) {
      throw new ScanImportError(FORMAT, `scanResult ${index + 1} names no target`, {
        reason: 'invalid-record',
      });
    }
    const ip = validIp(nonEmpty(target.ip));
    const rdns = nonEmpty(target.rDNS);
    const info: TargetInfo = compact({
      host,
      ip,
      hostname: validIp(host) ? (rdns && rdns !== '--' ? rdns.replace(/\.$/, '') : undefined) : host,
      port: parsePort(target.port),
      service: nonEmpty(target.service)?.toLowerCase(),
    });
    summary.cover(info.host, info.port, info.port !== undefined ? 'tcp' : undefined);
    for (const [section, entries] of Object.entries(result)) {
      if (!Array.isArray(entries)) continue;
      for (const [entryIndex, value] of entries.entries()) {
        const entry = validate(Entry, value, FORMAT, `scanResult ${index + 1}.${section}[${entryIndex}]`);
        const finding = mapEntry(entry, info, section, summary);
        if (finding) yield summary.finding(finding);
      }
    }
  }
  return summary.build();
}

/** The flat format writes `ip` as `name/address` (or just the address) and port per line. */
function flatTarget(entry: Entry): TargetInfo {
  const [name, address] = (entry.ip ?? '').split('/', 2);
  const host = nonEmpty(name) ?? nonEmpty(address);
  if (!host) {
    throw new ScanImportError(FORMAT, `entry "${entry.id}" names no target`, { reason: 'invalid-record' });
  }
  return compact({
    host,
    ip: validIp(nonEmpty(address) ?? host),
    hostname: validIp(host) ? undefined : host,
    port: parsePort(entry.port),
  });
}

function mapEntry(
  entry: Entry,
  target: TargetInfo,
  section: string | undefined,
  summary: SummaryBuilder,
): ImportedFinding | undefined {
  const label = entry.severity.trim().toUpperCase();
  summary.record(label);
  const port = parsePort(entry.port) ?? target.port;
  if (section === undefined) summary.cover(target.host, port, port !== undefined ? 'tcp' : undefined);
  if (NOT_FINDINGS.has(label)) return undefined;
  const findingText = nonEmpty(entry.finding) ?? '';
  const cves = extractCves(entry.cve);
  const cwes = (entry.cwe ?? '')
    .split(/[\s,]+/)
    .map(normaliseCwe)
    .filter((c): c is string => Boolean(c));
  const raw: Record<string, RawValue> = { testsslSeverity: label };
  if (section) raw.section = section;
  return compact<ImportedFinding>({
    host: target.host,
    ip: target.ip,
    hostname: target.hostname,
    port,
    protocol: port !== undefined ? 'tcp' : undefined,
    service: target.service,
    checkId: entry.id,
    vulnerabilityId: cves[0],
    title: truncate(findingText ? `${entry.id}: ${findingText}` : entry.id, 200),
    cves,
    cwes: cwes.length ? cwes : undefined,
    severity: ownValue(SEVERITY, label) ?? 'info',
    evidence: findingText || undefined,
    solution: nonEmpty(entry.hint),
    references: [],
    source: FORMAT,
    raw,
  });
}

function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
