/**
 * Built-in BSI baseline checks (issue 5, part 2): a pure module without database, queue or
 * authorisation. Entry points: `runChecks` for one target, `runChecksMany` for a batch,
 * `toImportedFindings` to feed failures into the findings model, `CHECK_CATALOG` for texts
 * and references. The probes are exported for the CLI and for tests.
 */
export { CHECK_CATALOG, checkDefinition, listCheckDefinitions } from './catalog.ts';
export { type DnsQueryOptions, type DnsResponse, queryDns } from './dns.ts';
export { analyseSpf, parseDmarc } from './evaluate-dns.ts';
export { parseHsts, parseSecurityTxt } from './evaluate-web.ts';
export { RISKY_SERVICES } from './exposure.ts';
export { fetchSameHost, type HttpProbeResult, probeHttp } from './http-probe.ts';
export { probePort } from './port-probe.ts';
export {
  type BasteiFinding,
  InvalidScanTargetError,
  runChecks,
  runChecksMany,
  type TargetRun,
  toImportedFindings,
} from './run.ts';
export { smtpStartTls } from './smtp.ts';
export { probeTls, type TlsProbeOptions, type TlsProbeResult } from './tls-probe.ts';
export { classifySuite } from './tls-suites.ts';
export * from './types.ts';
