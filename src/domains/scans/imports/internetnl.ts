/**
 * internet.nl batch API v2 results (`GET /api/batch/v2/requests/{id}/results`): either the full
 * response `{ request: {...}, domains: { "<domain>": {...} } }` or just the per-domain map
 * `{ "<domain>": { status, report, scoring, results: { categories, tests, custom } } }`.
 * Read whole, up to `maxBytes`.
 *
 * Mapping decisions:
 * - Each test with status `failed` becomes a `medium` finding, `warning` a `low` one and `info`
 *   an `info` one (internet.nl uses `info` for optional recommendations). `passed`,
 *   `good_not_tested`, `not_tested`, `not_applicable` and the error statuses produce none.
 *   Every test is counted in `summary.recordCounts` under its status.
 * - The domain is `host` and `hostname`, with no port: internet.nl tests the domain (web or mail)
 *   as a whole, so each domain with status `ok` is covered as a whole host. Domains the API could
 *   not test are counted as `domain:<status>` and not covered.
 * - `checkId` is the test name (`mail_starttls_tls_ciphers`); the report URL is the reference.
 */
import { z } from 'zod';
import { ownValue } from '../../../platform/own-value.ts';
import {
  compact,
  type ImportedFinding,
  type ImportedItem,
  type ImportedReportSummary,
  nonEmpty,
  type RawValue,
  type Severity,
  SummaryBuilder,
  toIsoTime,
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

const FORMAT = 'internetnl' as const;

const Status = z.looseObject({ status: z.string().optional(), verdict: z.string().optional() });

const DomainResult = z.looseObject({
  status: z.string(),
  report: z.looseObject({ url: z.string().optional() }).nullable().optional(),
  scoring: z.looseObject({ percentage: z.number().nullable().optional() }).nullable().optional(),
  results: z
    .looseObject({
      categories: z.record(z.string(), Status).nullable().optional(),
      tests: z
        .record(z.string(), Status.extend({ status: z.string() }))
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});
type DomainResult = z.infer<typeof DomainResult>;

const FullResponse = z.looseObject({
  request: z
    .looseObject({
      api_version: z.string().optional(),
      request_type: z.string().optional(),
      submit_date: z.string().optional(),
      finished_date: z.string().nullable().optional(),
    })
    .optional(),
  domains: z.record(z.string(), DomainResult),
});

const DomainMap = z.record(z.string(), DomainResult);

/** `{ request, domains }` rather than a domain map (where a domain could even be called "domains"). */
function isFullResponse(document: unknown): boolean {
  if (!document || typeof document !== 'object' || !('domains' in document)) return false;
  const domains = document.domains;
  return (
    Boolean(domains) &&
    typeof domains === 'object' &&
    !('status' in (domains as object) && 'results' in (domains as object))
  );
}

const FINDING_SEVERITY: Record<string, Severity> = { failed: 'medium', warning: 'low', info: 'info' };

export async function* parseInternetNl(
  input: ReportInput,
  options: ParseOptions = {},
): AsyncGenerator<ImportedItem, ImportedReportSummary, undefined> {
  const text = await readAllText(byteChunks(input, FORMAT), FORMAT, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const document = parseJson(text, FORMAT);
  const summary = new SummaryBuilder(FORMAT);
  let domains: Record<string, DomainResult>;
  if (isFullResponse(document)) {
    const full = validate(FullResponse, document, FORMAT, 'batch results');
    domains = full.domains;
    const version = nonEmpty(full.request?.api_version);
    if (version) summary.scannerVersion = `batch API ${version}`;
    summary.startedAt = toIsoTime(full.request?.submit_date);
    summary.endedAt = toIsoTime(full.request?.finished_date);
  } else {
    domains = validate(DomainMap, document, FORMAT, 'domain results');
  }

  for (const [domain, result] of Object.entries(domains)) {
    if (result.status !== 'ok') {
      summary.record(`domain:${result.status}`);
      continue;
    }
    summary.cover(domain);
    const categories = Object.entries(result.results?.categories ?? {});
    const reportUrl = nonEmpty(result.report?.url);
    const score = result.scoring?.percentage;
    for (const [test, outcome] of Object.entries(result.results?.tests ?? {})) {
      const status = outcome.status.trim().toLowerCase();
      summary.record(status);
      const severity = ownValue(FINDING_SEVERITY, status);
      if (!severity) continue;
      // The longest category name that prefixes the test name: mail_starttls_tls_ciphers -> mail_starttls.
      const category = categories
        .filter(([name]) => test.startsWith(`${name}_`))
        .sort(([a], [b]) => b.length - a.length)[0];
      const verdict = nonEmpty(outcome.verdict);
      const raw: Record<string, RawValue> = { status };
      if (verdict) raw.verdict = verdict;
      if (category) {
        raw.category = category[0];
        if (category[1].status) raw.categoryStatus = category[1].status;
      }
      if (typeof score === 'number') raw.scorePercentage = score;
      yield summary.finding(
        compact<ImportedFinding>({
          host: domain,
          hostname: domain,
          checkId: test,
          title: `internet.nl ${test}: ${status}${verdict ? ` (${verdict})` : ''}`,
          description: `The internet.nl test ${test} reported status "${status}"${verdict ? ` with verdict "${verdict}"` : ''}.`,
          cves: [],
          severity,
          evidence: `status=${status}${verdict ? `, verdict=${verdict}` : ''}`,
          references: reportUrl ? [reportUrl] : [],
          source: FORMAT,
          raw,
        }),
      );
    }
  }
  return summary.build();
}
