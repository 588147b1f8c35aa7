/**
 * Greenbone / OpenVAS reports in GMP XML: the "XML" report format export
 * (`<report><report>...<results><result>`), a raw `<get_reports_response>` and a
 * `<get_results_response>` listing. Covers the GMP 9 shape (`cvss_base`, `refs`) and the
 * GMP 21.4/22.x shape (`severities`, `<solution type=...>`, nested `<detection><result>`), and the
 * old OMP 7/8 fields (`<cve>`, `<bid>`, `<xref>`).
 *
 * Mapping decisions:
 * - Severity comes from the result's numeric `<severity>` (which includes overrides) using the
 *   CVSS qualitative scale, so 10.0 is `critical` although GMP 9 calls it "High". When there is no
 *   number the `<threat>` text is used. The original threat is kept in `raw.threat`.
 * - Results with a negative severity (-1 false positive, -2 error, -3 debug) are counted in the
 *   summary but produce no finding. "Log" results (0.0) become `info` findings.
 * - `host` is the result's IP text; `ip` is only set when that text is a valid address.
 * - Coverage: every host of the report (and of every result) is covered as a whole host,
 *   because Greenbone scans the target's whole port list; ports are not listed separately.
 */

import { ownValue } from '../../../platform/own-value.ts';
import { ScanImportError } from './errors.ts';
import {
  type CvssInfo,
  compact,
  cvssVersionFromVector,
  extractCves,
  type ImportedFinding,
  type ImportedItem,
  type ImportedReportSummary,
  nonEmpty,
  normaliseCwe,
  oneLine,
  parseScore,
  pushUnique,
  type RawValue,
  type Severity,
  SummaryBuilder,
  severityFromScore,
  type TransportProtocol,
  tidyText,
  toIsoTime,
  validIp,
} from './finding.ts';
import { byteChunks, DEFAULT_MAX_RECORD_BYTES, type ParseOptions, type ReportInput } from './input.ts';
import { child, childrenNamed, childText, type XNode, xmlEvents } from './xml.ts';

const FORMAT = 'greenbone' as const;
const REPORT_ROOTS = new Set(['report', 'get_reports_response', 'get_results_response']);

function isResult(path: readonly string[]): boolean {
  const parent = path.at(-2);
  return path.at(-1) === 'result' && (parent === 'results' || parent === 'get_results_response');
}

/** The per-host summary `<report><report><host><ip>…`; not the `<host>` inside `<ports>` or `<result>`. */
function isReportHost(path: readonly string[]): boolean {
  return path.length >= 2 && path.at(-1) === 'host' && path.at(-2) === 'report';
}

const TEXT_FIELDS = new Set(['scan_start', 'scan_end']);
function isReportText(path: readonly string[]): boolean {
  const last = path.at(-1) ?? '';
  if (TEXT_FIELDS.has(last)) return path.at(-2) === 'report';
  return last === 'version' && (path.at(-2) === 'gmp' || path.at(-2) === 'omp') && path.at(-3) === 'report';
}

export async function* parseGreenbone(
  input: ReportInput,
  options: ParseOptions = {},
): AsyncGenerator<ImportedItem, ImportedReportSummary, undefined> {
  const summary = new SummaryBuilder(FORMAT);
  let hostStart: string | undefined;
  let hostEnd: string | undefined;
  const events = xmlEvents(byteChunks(input, FORMAT), {
    format: FORMAT,
    capture: (path) => isResult(path) || isReportHost(path),
    textOf: isReportText,
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  });
  for await (const event of events) {
    if (event.type === 'root') {
      if (!REPORT_ROOTS.has(event.node.name)) {
        throw new ScanImportError(FORMAT, `expected a GMP <report>, found <${event.node.name}>`, {
          reason: 'invalid-record',
          line: 1,
        });
      }
    } else if (event.type === 'text') {
      const name = event.path.at(-1);
      if (name === 'scan_start') summary.startedAt ??= toIsoTime(event.text);
      else if (name === 'scan_end') summary.endedAt ??= toIsoTime(event.text);
      else if (name === 'version')
        summary.scannerVersion ??= nonEmpty(event.text) && `GMP ${event.text.trim()}`;
    } else if (isReportHost(event.path)) {
      const ip = childText(event.node, 'ip') ?? nonEmpty(event.node.text);
      if (ip) summary.cover(ip);
      const start = toIsoTime(childText(event.node, 'start'));
      const end = toIsoTime(childText(event.node, 'end'));
      if (start && (!hostStart || start < hostStart)) hostStart = start;
      if (end && (!hostEnd || end > hostEnd)) hostEnd = end;
    } else {
      const finding = mapResult(event.node, summary);
      if (finding) yield summary.finding(finding);
    }
  }
  summary.startedAt ??= hostStart;
  summary.endedAt ??= hostEnd;
  return summary.build();
}

const THREAT_SEVERITY: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  log: 'info',
  debug: 'info',
};

function mapResult(result: XNode, summary: SummaryBuilder): ImportedFinding | undefined {
  const threat = childText(result, 'threat');
  const resultScore = parseScore(childText(result, 'severity'));
  summary.record(threat ?? (resultScore !== undefined && resultScore < 0 ? 'False Positive' : '(no threat)'));

  const hostNode = child(result, 'host');
  const host = nonEmpty(hostNode?.text) ?? childText(hostNode, 'ip');
  if (!host) {
    throw new ScanImportError(FORMAT, 'a <result> has no <host>', { reason: 'invalid-record' });
  }
  summary.cover(host);
  if (resultScore !== undefined && resultScore < 0) return undefined;

  const nvt = child(result, 'nvt');
  const tags = parseTags(childText(nvt, 'tags'));
  const port = parseGmpPort(childText(result, 'port'));
  const cvss = readCvss(nvt, tags);
  const severity =
    resultScore !== undefined
      ? severityFromScore(resultScore)
      : (THREAT_SEVERITY[threat?.toLowerCase() ?? ''] ??
        (cvss?.score !== undefined ? severityFromScore(cvss.score) : 'info'));

  const { cves, cwes, references } = readRefs(nvt);
  const solutionNode = child(nvt, 'solution');
  const qod = parseScore(childText(child(result, 'qod'), 'value'));
  const oid = nonEmpty(nvt?.attrs.oid);
  const title = oneLine(childText(nvt, 'name') ?? childText(result, 'name') ?? oid ?? 'Greenbone result');

  const raw: Record<string, RawValue> = {};
  if (result.attrs.id) raw.resultId = result.attrs.id;
  if (threat) raw.threat = threat;
  if (resultScore !== undefined) raw.resultSeverity = resultScore;
  if (qod !== undefined) raw.qod = qod;
  const qodType = childText(child(result, 'qod'), 'type') ?? tags.qod_type ?? tags.qodType;
  if (qodType) raw.qodType = qodType;
  const family = childText(nvt, 'family');
  if (family) raw.family = oneLine(family);
  const solutionType = nonEmpty(solutionNode?.attrs.type) ?? tags.solution_type;
  if (solutionType) raw.solutionType = solutionType;
  if (port.raw) raw.port = port.raw;

  return compact<ImportedFinding>({
    host,
    ip: validIp(host),
    hostname: childText(hostNode, 'hostname'),
    port: port.port,
    protocol: port.protocol,
    service: port.service,
    checkId: oid,
    vulnerabilityId: cves[0],
    title,
    description: describe(tags),
    cves,
    cwes: cwes.length ? cwes : undefined,
    cvss,
    severity,
    evidence: tidyText(childText(result, 'description')),
    solution: tidyText(solutionNode?.text) ?? tags.solution,
    references,
    source: FORMAT,
    raw,
  });
}

/** `key=value|key=value`; values may contain `|` as long as it is not followed by `word=`. */
function parseTags(text: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!text) return tags;
  for (const part of text.split(/\|(?=\s*[A-Za-z_]+=)/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const value = tidyText(part.slice(eq + 1));
    if (value) tags[part.slice(0, eq).trim()] = value;
  }
  return tags;
}

function describe(tags: Record<string, string>): string | undefined {
  const parts = [
    tags.summary,
    tags.insight && `Insight: ${tags.insight}`,
    tags.impact && `Impact: ${tags.impact}`,
    tags.affected && `Affected: ${tags.affected}`,
    tags.vuldetect && `Detection: ${tags.vuldetect}`,
  ].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join('\n\n') : undefined;
}

function parseGmpPort(text: string | undefined): {
  port?: number;
  protocol?: TransportProtocol;
  service?: string;
  raw?: string;
} {
  if (!text) return {};
  const plain = /^(\d{1,5})\/(tcp|udp)$/i.exec(text);
  if (plain) return { port: Number(plain[1]), protocol: proto(plain[2]) };
  const named = /^(\S+) \((\d{1,5})\/(tcp|udp)\)$/i.exec(text);
  if (named) return { service: named[1], port: Number(named[2]), protocol: proto(named[3]) };
  const general = /^general\/(tcp|udp)$/i.exec(text);
  if (general) return { service: 'general', protocol: proto(general[1]) };
  return { raw: text };
}

function proto(value: string | undefined): TransportProtocol {
  return value?.toLowerCase() === 'udp' ? 'udp' : 'tcp';
}

function readCvss(nvt: XNode | undefined, tags: Record<string, string>): CvssInfo | undefined {
  const severities = child(nvt, 'severities');
  let score: number | undefined;
  let vector: string | undefined;
  let type: string | undefined;
  if (severities) {
    const first = child(severities, 'severity');
    score = parseScore(severities.attrs.score) ?? parseScore(childText(first, 'score'));
    vector = childText(first, 'value');
    type = first?.attrs.type;
  }
  score ??= parseScore(childText(nvt, 'cvss_base'));
  vector ??= tags.cvss_base_vector;
  // GMP 9 writes scores like "50" on a 0..100 scale in some versions; normalise to 0..10.
  if (score !== undefined && score > 10 && score <= 100) score = score / 10;
  const version =
    cvssVersionFromVector(vector) ??
    (type === 'cvss_base_v2' || type === 'cvss_base' ? '2.0' : type === 'cvss_base_v4' ? '4.0' : undefined);
  if (score === undefined && !vector) return undefined;
  return compact<CvssInfo>({ version, score, vector });
}

const ADVISORY_PREFIX: Record<string, string> = {
  'cert-bund': 'CERT-Bund',
  'dfn-cert': 'DFN-CERT',
  bid: 'BID',
};

function readRefs(nvt: XNode | undefined): { cves: string[]; cwes: string[]; references: string[] } {
  const cves: string[] = [];
  const cwes: string[] = [];
  const references: string[] = [];
  for (const ref of childrenNamed(child(nvt, 'refs'), 'ref')) {
    const id = nonEmpty(ref.attrs.id);
    const type = (ref.attrs.type ?? '').toLowerCase();
    if (!id) continue;
    if (type === 'cve') for (const cve of extractCves(id)) pushUnique(cves, cve);
    else if (type === 'cwe') {
      const cwe = normaliseCwe(id);
      if (cwe) pushUnique(cwes, cwe);
    } else if (type === 'url') pushUnique(references, id);
    else pushUnique(references, `${ownValue(ADVISORY_PREFIX, type) ?? type}:${id}`);
  }
  // OMP 7/8: <cve>CVE-1, CVE-2</cve>, <bid>1, 2</bid>, <xref>URL:…, CERT-BUND:…</xref>; "NOCVE" etc. mean none.
  for (const cve of extractCves(childText(nvt, 'cve'))) pushUnique(cves, cve);
  for (const bid of (childText(nvt, 'bid') ?? '').split(/\s*,\s*/)) {
    if (/^\d+$/.test(bid)) pushUnique(references, `BID:${bid}`);
  }
  for (const xref of (childText(nvt, 'xref') ?? '').split(/\s*,\s*/)) {
    const match = /^([A-Za-z-]+):(.+)$/.exec(xref);
    if (!match?.[1] || !match[2]) continue;
    pushUnique(references, match[1].toUpperCase() === 'URL' ? match[2] : `${match[1]}:${match[2]}`);
  }
  for (const certRef of childrenNamed(child(nvt, 'cert'), 'cert_ref')) {
    const id = nonEmpty(certRef.attrs.id);
    if (id) pushUnique(references, `${certRef.attrs.type ?? 'CERT'}:${id}`);
  }
  return { cves, cwes, references };
}
