/**
 * Scanner report import: pure parsers, no database. Each `parseX` is an async generator that
 * yields `{ kind: 'finding' | 'service', ... }` items while it reads and *returns* the
 * ImportedReportSummary when the input is exhausted. Callers that write to a database should
 * consume a generator directly (see `parseReport`); `importReport` collects everything in memory.
 *
 * Every failure caused by the input is a ScanImportError.
 */
import { DETECT_BYTES, detectFormat, looksLikeDtd } from './detect.ts';
import { DTD_NOT_ALLOWED, ScanImportError } from './errors.ts';
import type {
  ImportedFinding,
  ImportedItem,
  ImportedReport,
  ImportedReportSummary,
  ImportedService,
  ScanFormat,
} from './finding.ts';
import { parseGreenbone } from './greenbone.ts';
import { byteChunks, type ParseOptions, peek, type ReportInput } from './input.ts';
import { parseInternetNl } from './internetnl.ts';
import { parseNmap } from './nmap.ts';
import { parseNuclei } from './nuclei.ts';
import { parseTestssl } from './testssl.ts';

export { DETECT_BYTES, detectFormat } from './detect.ts';
export { DTD_NOT_ALLOWED, ScanImportError, type ScanImportErrorReason } from './errors.ts';
export {
  type CoveredTarget,
  type CvssInfo,
  type ImportedFinding,
  type ImportedItem,
  type ImportedReport,
  type ImportedReportSummary,
  type ImportedService,
  isCovered,
  type RawValue,
  SCAN_FORMATS,
  SCAN_SOURCES,
  type ScanFinding,
  type ScanFormat,
  type ScanSource,
  SEVERITIES,
  type Severity,
  severityFromScore,
  type TransportProtocol,
} from './finding.ts';
export { parseGreenbone } from './greenbone.ts';
export type { ParseOptions, ReportInput } from './input.ts';
export { parseInternetNl } from './internetnl.ts';
export { parseNmap } from './nmap.ts';
export { parseNuclei } from './nuclei.ts';
export { parseTestssl } from './testssl.ts';

export type ReportParser = (
  input: ReportInput,
  options?: ParseOptions,
) => AsyncGenerator<ImportedItem, ImportedReportSummary, undefined>;

export const PARSERS: Readonly<Record<ScanFormat, ReportParser>> = {
  greenbone: parseGreenbone,
  nmap: parseNmap,
  testssl: parseTestssl,
  nuclei: parseNuclei,
  internetnl: parseInternetNl,
};

export interface ImportOptions extends ParseOptions {
  /** The format, or `auto` (default) to detect it from the first bytes. */
  format?: ScanFormat | 'auto';
}

/** Streams one report: detects the format unless given, then delegates to its parser. */
export async function* parseReport(
  input: ReportInput,
  options: ImportOptions = {},
): AsyncGenerator<ImportedItem, ImportedReportSummary, undefined> {
  const { format = 'auto', ...parseOptions } = options;
  if (format !== 'auto') {
    const parser = PARSERS[format];
    if (!parser)
      throw new ScanImportError('unknown', `unknown format "${String(format)}"`, {
        reason: 'unknown-format',
      });
    return yield* parser(input, parseOptions);
  }
  const { head, stream } = await peek(byteChunks(input, 'unknown'), DETECT_BYTES);
  const detected = detectFormat(head);
  if (!detected) {
    await stream.return(undefined);
    if (looksLikeDtd(head))
      throw new ScanImportError('unknown', DTD_NOT_ALLOWED, { reason: 'forbidden-dtd' });
    throw new ScanImportError(
      'unknown',
      head.length === 0
        ? 'the input is empty'
        : 'could not recognise the report format (expected Greenbone/Nmap XML, testssl.sh/internet.nl JSON or Nuclei JSON/JSONL)',
      { reason: 'unknown-format', offset: 0 },
    );
  }
  return yield* PARSERS[detected](stream, parseOptions);
}

/** Parses a whole report into memory. */
export async function importReport(input: ReportInput, options: ImportOptions = {}): Promise<ImportedReport> {
  const findings: ImportedFinding[] = [];
  const services: ImportedService[] = [];
  const items = parseReport(input, options);
  while (true) {
    const step = await items.next();
    if (step.done) return { summary: step.value, findings, services };
    if (step.value.kind === 'finding') findings.push(step.value.finding);
    else services.push(step.value.service);
  }
}
