/**
 * Nmap XML (`-oX`). Every `<port>` of a host that is up becomes an ImportedService (whatever its
 * state, so closed ports are visible too). Findings come from NSE script output only:
 *
 * - `vulners`: one finding per CVE row (CVSS from the row); exploit/advisory rows that name the same
 *   CVE are folded into that finding as references (`raw.exploitAvailable`); rows without a CVE
 *   become findings of their own. Both the structured `<table>` output and the older text-only
 *   output are read.
 * - `ssl-enum-ciphers`: one `info` finding describing the TLS configuration, plus
 *   `SSLv2/SSLv3` offered (high), `TLSv1.0/TLSv1.1` offered (medium), cipher suites without forward
 *   secrecy (low; static RSA/DH/ECDH/PSK key exchange) and cipher suites Nmap grades C or worse
 *   (C low, D/E medium, F high).
 * - `http-security-headers`: "HSTS not configured in HTTPS Server" becomes a low finding.
 *
 * `host` is the name the user gave Nmap (`<hostname type="user">`) if any, else the IP address.
 * Coverage: each listed port of each host that is up; `summary.portScope` carries the scanned port
 * ranges from `<scaninfo>` (ports in scope but not listed were closed/filtered in bulk).
 */
import { ScanImportError } from './errors.ts';
import {
  compact,
  extractCves,
  type ImportedFinding,
  type ImportedItem,
  type ImportedReportSummary,
  type ImportedService,
  nonEmpty,
  parsePort,
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
import { child, childrenNamed, type XNode, xmlEvents } from './xml.ts';

const FORMAT = 'nmap' as const;

interface HostIdentity {
  host: string;
  ip?: string;
  hostname?: string;
}

export async function* parseNmap(
  input: ReportInput,
  options: ParseOptions = {},
): AsyncGenerator<ImportedItem, ImportedReportSummary, undefined> {
  const summary = new SummaryBuilder(FORMAT);
  let firstHostStart: string | undefined;
  let lastHostEnd: string | undefined;
  const events = xmlEvents(byteChunks(input, FORMAT), {
    format: FORMAT,
    capture: (path) =>
      path.length === 2 && (path[1] === 'host' || path[1] === 'scaninfo' || path[1] === 'runstats'),
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  });
  for await (const event of events) {
    if (event.type === 'root') {
      if (event.node.name !== 'nmaprun') {
        throw new ScanImportError(FORMAT, `expected <nmaprun>, found <${event.node.name}>`, {
          reason: 'invalid-record',
          line: 1,
        });
      }
      summary.scannerVersion = nonEmpty(event.node.attrs.version);
      summary.startedAt = toIsoTime(event.node.attrs.start);
      continue;
    }
    if (event.type !== 'node') continue;
    const node = event.node;
    if (node.name === 'scaninfo') {
      const protocol = node.attrs.protocol;
      const services = nonEmpty(node.attrs.services);
      if ((protocol === 'tcp' || protocol === 'udp') && services) {
        summary.portScope = { ...summary.portScope, [protocol]: services };
      }
    } else if (node.name === 'runstats') {
      summary.endedAt = toIsoTime(child(node, 'finished')?.attrs.time);
    } else {
      const start = toIsoTime(node.attrs.starttime);
      const end = toIsoTime(node.attrs.endtime);
      if (start && (!firstHostStart || start < firstHostStart)) firstHostStart = start;
      if (end && (!lastHostEnd || end > lastHostEnd)) lastHostEnd = end;
      yield* mapHost(node, summary);
    }
  }
  summary.startedAt ??= firstHostStart;
  summary.endedAt ??= lastHostEnd;
  return summary.build();
}

function identify(hostNode: XNode): HostIdentity | undefined {
  let ip: string | undefined;
  for (const address of childrenNamed(hostNode, 'address')) {
    const type = address.attrs.addrtype;
    if ((type === 'ipv4' || type === 'ipv6') && address.attrs.addr) {
      ip ??= address.attrs.addr;
    }
  }
  const names = childrenNamed(child(hostNode, 'hostnames'), 'hostname');
  const user = nonEmpty(names.find((n) => n.attrs.type === 'user')?.attrs.name);
  const ptr = nonEmpty(names.find((n) => n.attrs.type === 'PTR')?.attrs.name ?? names[0]?.attrs.name);
  const host = user ?? ip ?? ptr;
  if (!host) return undefined;
  return compact<HostIdentity>({ host, ip: validIp(ip), hostname: user ?? ptr });
}

function* mapHost(hostNode: XNode, summary: SummaryBuilder): Generator<ImportedItem> {
  const state = child(hostNode, 'status')?.attrs.state;
  if (state !== undefined && state !== 'up') return;
  const id = identify(hostNode);
  if (!id) throw new ScanImportError(FORMAT, 'a <host> has no address', { reason: 'invalid-record' });
  summary.host(id.host);
  for (const portNode of childrenNamed(child(hostNode, 'ports'), 'port')) {
    const portState = child(portNode, 'state')?.attrs.state ?? 'unknown';
    summary.record(portState);
    const port = parsePort(portNode.attrs.portid);
    const protocol = portNode.attrs.protocol;
    // SCTP and IP-protocol scans have no place in our tcp/udp model; they are counted above only.
    if (port === undefined || (protocol !== 'tcp' && protocol !== 'udp')) continue;
    summary.cover(id.host, port, protocol);
    const serviceNode = child(portNode, 'service');
    const service = compact<ImportedService>({
      ...id,
      port,
      protocol,
      state: portState,
      name: nonEmpty(serviceNode?.attrs.name),
      product: nonEmpty(serviceNode?.attrs.product),
      version: nonEmpty(serviceNode?.attrs.version),
      extraInfo: nonEmpty(serviceNode?.attrs.extrainfo),
      tunnel: nonEmpty(serviceNode?.attrs.tunnel),
      cpes: childrenNamed(serviceNode, 'cpe')
        .map((c) => c.text.trim())
        .filter(Boolean),
    });
    yield summary.service(service);
    const context: PortContext = { id, port, protocol, service };
    for (const script of childrenNamed(portNode, 'script')) {
      for (const finding of mapScript(script, context)) yield summary.finding(finding);
    }
  }
}

interface PortContext {
  id: HostIdentity;
  port: number;
  protocol: TransportProtocol;
  service: ImportedService;
}

function mapScript(script: XNode, context: PortContext): ImportedFinding[] {
  switch (script.attrs.id) {
    case 'vulners':
      return vulners(script, context);
    case 'ssl-enum-ciphers':
      return sslEnumCiphers(script, context);
    case 'http-security-headers':
      return securityHeaders(script, context);
    default:
      return [];
  }
}

function base(context: PortContext, scriptId: string): Omit<ImportedFinding, 'title' | 'severity'> {
  return compact({
    ...context.id,
    port: context.port,
    protocol: context.protocol,
    service: context.service.name,
    cves: [],
    references: [],
    source: FORMAT,
    raw: { script: scriptId } as Record<string, RawValue>,
  });
}

/** `<elem key="k">` values of a table, as a map. */
function elems(table: XNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const elem of childrenNamed(table, 'elem')) {
    if (elem.attrs.key) out[elem.attrs.key] = elem.text.trim();
  }
  return out;
}

interface VulnersRow {
  cpe?: string;
  id: string;
  cvss?: number;
  type?: string;
  exploit: boolean;
}

function vulnersRows(script: XNode): VulnersRow[] {
  const rows: VulnersRow[] = [];
  const tables = childrenNamed(script, 'table');
  for (const cpeTable of tables) {
    const cpe = nonEmpty(cpeTable.attrs.key);
    for (const rowTable of childrenNamed(cpeTable, 'table')) {
      const row = elems(rowTable);
      if (!row.id) continue;
      rows.push(
        compact<VulnersRow>({
          cpe,
          id: row.id,
          cvss: parseScore(row.cvss),
          type: nonEmpty(row.type),
          exploit: row.is_exploit === 'true',
        }),
      );
    }
  }
  if (tables.length > 0) return rows;
  // Text output of older script versions: "  cpe:/a:…:" header lines, then "\tID\tSCORE\tURL[\t*EXPLOIT*]".
  let cpe: string | undefined;
  for (const line of (script.attrs.output ?? '').split('\n')) {
    const header = /^\s*(cpe:\/\S+?):?\s*$/.exec(line);
    if (header) {
      cpe = header[1];
      continue;
    }
    const match = /^\s*(\S+)\s+(\d+(?:\.\d+)?)\s+(https?:\/\/\S+)(\s+\*EXPLOIT\*)?\s*$/.exec(line);
    if (!match?.[1]) continue;
    const type = /vulners\.com\/([^/]+)\//.exec(match[3] ?? '')?.[1];
    rows.push(
      compact<VulnersRow>({
        cpe,
        id: match[1],
        cvss: parseScore(match[2]),
        type,
        exploit: Boolean(match[4]),
      }),
    );
  }
  return rows;
}

function vulnersUrl(row: VulnersRow): string {
  return `https://vulners.com/${row.type ?? (/^CVE-/i.test(row.id) ? 'cve' : 'search')}/${row.id}`;
}

function vulners(script: XNode, context: PortContext): ImportedFinding[] {
  const rows = vulnersRows(script);
  const byCve = new Map<string, ImportedFinding>();
  const findings: ImportedFinding[] = [];
  const product = [context.service.product, context.service.version].filter(Boolean).join(' ');
  const make = (row: VulnersRow, cves: string[]): ImportedFinding => {
    const raw: Record<string, RawValue> = {
      script: 'vulners',
      vulnersType: row.type ?? null,
      exploitAvailable: row.exploit,
    };
    if (row.cpe) raw.cpe = row.cpe;
    return compact<ImportedFinding>({
      ...base(context, 'vulners'),
      checkId: `nmap:vulners:${row.id}`,
      vulnerabilityId: row.id,
      title: `${row.id} in ${product || row.cpe || context.service.name || `port ${context.port}`}`,
      description: `The Nmap vulners script matched ${row.cpe ?? 'the detected software'} against ${row.id}.`,
      cves,
      cvss: row.cvss !== undefined ? { score: row.cvss } : undefined,
      severity: row.cvss !== undefined ? severityFromScore(row.cvss) : 'info',
      evidence: product || undefined,
      references: [vulnersUrl(row)],
      raw,
    });
  };
  // First the CVE rows, so advisory/exploit rows can be attached to them.
  for (const row of rows) {
    if (!(row.type === 'cve' || /^CVE-\d{4}-\d+$/i.test(row.id))) continue;
    const cve = row.id.toUpperCase();
    if (byCve.has(cve)) continue;
    const finding = make({ ...row, id: cve }, [cve]);
    byCve.set(cve, finding);
    findings.push(finding);
  }
  for (const row of rows) {
    if (row.type === 'cve' || /^CVE-\d{4}-\d+$/i.test(row.id)) continue;
    const cves = extractCves(row.id);
    const target = cves.map((cve) => byCve.get(cve)).find(Boolean);
    if (target) {
      pushUnique(target.references, vulnersUrl(row));
      if (row.exploit && target.raw) target.raw.exploitAvailable = true;
    } else {
      findings.push(make(row, cves));
    }
  }
  return findings;
}

interface Cipher {
  protocol: string;
  name: string;
  kex?: string;
  strength?: string;
}

const NO_FORWARD_SECRECY = /^(?:TLS|SSL)_(?:RSA|DH|ECDH|PSK|RSA_PSK)_/;
const OLD_PROTOCOLS: Record<string, Severity> = {
  SSLv2: 'high',
  SSLv3: 'high',
  'TLSv1.0': 'medium',
  'TLSv1.1': 'medium',
};
const GRADE_SEVERITY: Record<string, Severity> = { C: 'low', D: 'medium', E: 'medium', F: 'high' };

function sslEnumCiphers(script: XNode, context: PortContext): ImportedFinding[] {
  const protocols: string[] = [];
  const ciphers: Cipher[] = [];
  const warnings: string[] = [];
  for (const protocolTable of childrenNamed(script, 'table')) {
    const protocol = protocolTable.attrs.key;
    if (!protocol) continue;
    protocols.push(protocol);
    for (const table of childrenNamed(protocolTable, 'table')) {
      if (table.attrs.key === 'ciphers') {
        for (const cipherTable of childrenNamed(table, 'table')) {
          const values = elems(cipherTable);
          if (values.name) {
            ciphers.push(
              compact<Cipher>({
                protocol,
                name: values.name,
                kex: values.kex_info,
                strength: values.strength,
              }),
            );
          }
        }
      } else if (table.attrs.key === 'warnings') {
        for (const elem of childrenNamed(table, 'elem')) pushUnique(warnings, elem.text.trim());
      }
    }
  }
  const least = elems(script)['least strength'];
  const findings: ImportedFinding[] = [];
  const evidence = tidyText(script.attrs.output);
  findings.push({
    ...base(context, 'ssl-enum-ciphers'),
    checkId: 'nmap:ssl-enum-ciphers',
    title: `TLS configuration: ${protocols.join(', ') || 'no protocol'}${least ? ` (least strength ${least})` : ''}`,
    description: `Protocols and cipher suites accepted on port ${context.port}, as graded by Nmap's ssl-enum-ciphers.${
      warnings.length ? ` Warnings: ${warnings.join('; ')}` : ''
    }`,
    severity: 'info',
    ...(evidence ? { evidence } : {}),
  });
  for (const protocol of protocols) {
    const severity = OLD_PROTOCOLS[protocol];
    if (!severity) continue;
    findings.push({
      ...base(context, 'ssl-enum-ciphers'),
      checkId: `nmap:ssl-enum-ciphers:protocol:${protocol}`,
      title: `Deprecated protocol ${protocol} offered`,
      severity,
      evidence: ciphers
        .filter((c) => c.protocol === protocol)
        .map((c) => c.name)
        .join('\n'),
      solution: 'Disable SSLv2, SSLv3, TLS 1.0 and TLS 1.1; offer TLS 1.2 and TLS 1.3 only.',
    });
  }
  const noPfs = ciphers.filter((c) => NO_FORWARD_SECRECY.test(c.name));
  if (noPfs.length > 0) {
    findings.push({
      ...base(context, 'ssl-enum-ciphers'),
      checkId: 'nmap:ssl-enum-ciphers:no-forward-secrecy',
      title: 'Cipher suites without forward secrecy offered',
      description: `${noPfs.length} cipher suite(s) use a static key exchange, so recorded traffic can be decrypted later if the server key leaks.`,
      severity: 'low',
      evidence: noPfs.map((c) => `${c.protocol} ${c.name}${c.kex ? ` (${c.kex})` : ''}`).join('\n'),
      solution: 'Offer only ECDHE/DHE (TLS 1.2) and TLS 1.3 cipher suites.',
    });
  }
  const weak = ciphers.filter((c) => c.strength && GRADE_SEVERITY[c.strength]);
  if (weak.length > 0) {
    const worst = ['F', 'E', 'D', 'C'].find((grade) => weak.some((c) => c.strength === grade)) ?? 'C';
    findings.push({
      ...base(context, 'ssl-enum-ciphers'),
      checkId: 'nmap:ssl-enum-ciphers:weak-ciphers',
      title: `Weak cipher suites offered (grade ${worst})`,
      severity: GRADE_SEVERITY[worst] ?? 'low',
      evidence: weak.map((c) => `${c.protocol} ${c.name} - ${c.strength}`).join('\n'),
      solution: 'Remove the listed cipher suites from the server configuration.',
    });
  }
  return findings;
}

function securityHeaders(script: XNode, context: PortContext): ImportedFinding[] {
  const hsts = childrenNamed(script, 'table').find((t) => t.attrs.key === 'Strict_Transport_Security');
  const missing = childrenNamed(hsts, 'elem').find((e) => /HSTS not configured/i.test(e.text));
  if (!missing) return [];
  return [
    {
      ...base(context, 'http-security-headers'),
      checkId: 'nmap:http-security-headers:hsts',
      title: 'HSTS not configured',
      description: 'The HTTPS server does not send a Strict-Transport-Security header.',
      severity: 'low',
      evidence: missing.text.trim(),
      solution: 'Send Strict-Transport-Security with a max-age of at least one year.',
    },
  ];
}
