/**
 * Reading a CSAF 2.0 document from bytes: size limit, UTF-8, JSON, validation with BSI's
 * @secvisogram/csaf-validator-lib (strict JSON schema + the mandatory tests of section 6.1, the
 * offline `basic` set), and the metadata a later layer needs to store, supersede and label it.
 *
 * The original bytes are returned untouched together with their SHA-512 (and SHA-256) so that the
 * stored document stays byte-exact and its hash can be checked against a provider's `.sha512`.
 */
import { createHash } from 'node:crypto';
import type { DocumentTest } from '@secvisogram/csaf-validator-lib/basic.js';
import type { CsafValidationResult } from '@secvisogram/csaf-validator-lib/validate.js';
import {
  type CsafTlpV1Label,
  mapCsafTlp,
  parseTlpLabel,
  TLP_RANK,
  type TlpLabel,
} from '../../../platform/tlp/tlp.ts';
import { compareVersions } from '../matching/version.ts';
import { CsafError, type CsafProblem } from './errors.ts';

/** CSAF 2.0's size guidance (section 9 "Guidance on Size"): 15 MiB. Configurable per call. */
export const DEFAULT_MAX_CSAF_BYTES = 15 * 1024 * 1024;
const MAX_PROBLEMS = 200;

export interface CsafRevision {
  number: string;
  date: string;
  summary: string | null;
}

export interface CsafTlp {
  /** TLP 2.0 label that governs the document in Bastei. */
  label: TlpLabel;
  /** The TLP v1 label written in the document, if any. */
  csafLabel: CsafTlpV1Label | null;
  /**
   * `document`: mapped from `distribution.tlp.label` (WHITE → CLEAR, …);
   * `distribution-text`: `distribution.text` states "TLP v2.0: TLP:…" (CSAF 2.1 conversion rule),
   * used when it is at least as strict as the label or is the known case of RED written but
   * AMBER+STRICT meant; a looser statement is ignored with a warning;
   * `default`: the document has no label; CLEAR per the CSAF 2.1 conversion rule. The import layer
   * should let the CERT confirm or tighten it.
   */
  source: 'document' | 'distribution-text' | 'default';
  /** A TLP 2.0 label stated in `distribution.text`, also when it was not used (it would loosen the label). */
  statedInText: TlpLabel | null;
}

export interface CsafRead {
  /** The parsed document (as published; not modified). */
  document: CsafJson;
  /** The original bytes, exactly as received. */
  bytes: Uint8Array;
  sha512: string;
  sha256: string;
  publisherNamespace: string;
  publisherName: string;
  trackingId: string;
  /** `document.tracking.version` (integer or semver string). */
  version: string;
  trackingStatus: 'draft' | 'interim' | 'final';
  initialReleaseDate: string;
  currentReleaseDate: string;
  revisionHistory: CsafRevision[];
  category: string;
  title: string;
  /** `document.lang`, null when absent. */
  language: string | null;
  tlp: CsafTlp;
  /** CVE ids named in `vulnerabilities`, in document order, without duplicates. */
  cves: string[];
  /** Schema/test warnings (not errors) and notes such as a defaulted TLP. */
  warnings: CsafProblem[];
}

/** A JSON object as parsed; fields are read defensively. */
export type CsafJson = Record<string, unknown>;

export interface ReadCsafOptions {
  maxBytes?: number;
}

export interface CsafValidation {
  valid: boolean;
  errors: CsafProblem[];
  warnings: CsafProblem[];
}

interface Validator {
  schema: DocumentTest;
  mandatory: DocumentTest[];
  run: (tests: DocumentTest[], doc: unknown) => Promise<CsafValidationResult>;
}

let validator: Promise<Validator> | undefined;

/**
 * Loads the validator library on first use (importing it compiles the CSAF schema and takes
 * seconds, which modules that only flatten or match should not pay).
 *
 * The library's `validate` runs the test functions it is given; `validateStrict` would check they
 * are the library's own, but it also imports every optional and informative test (another ~10 s).
 * The functions here are exactly the library's `basic.js` exports, fixed at build time and never
 * chosen by input, so the strict check adds nothing.
 */
export function loadCsafValidator(): Promise<Validator> {
  validator ??= Promise.all([
    import('@secvisogram/csaf-validator-lib/basic.js'),
    import('@secvisogram/csaf-validator-lib/validate.js'),
  ]).then(([basic, validate]) => ({
    schema: basic.csaf_2_0_strict,
    mandatory: Object.entries(basic)
      .filter(([name, test]) => name.startsWith('mandatoryTest_') && typeof test === 'function')
      .map(([, test]) => test as DocumentTest),
    run: validate.default,
  }));
  return validator;
}

/** `mandatoryTest_6_1_27_3` → `6.1.27.3`, `csaf_2_0_strict` → `schema`. */
export function testId(name: string): string {
  if (name.startsWith('mandatoryTest_')) return name.slice('mandatoryTest_'.length).replace(/_/g, '.');
  if (name.startsWith('csaf_2_0')) return 'schema';
  return name;
}

function toProblems(
  name: string,
  messages: { message?: string; instancePath?: string }[] | undefined,
): CsafProblem[] {
  return (messages ?? []).map((m) => ({
    pointer: m.instancePath ?? '',
    message: m.message ?? 'invalid',
    test: testId(name),
  }));
}

/**
 * Validate a parsed document: the strict CSAF 2.0 schema first; only a schema-valid document goes
 * on to the mandatory tests (they assume the schema's shape).
 */
export async function validateCsaf(document: unknown): Promise<CsafValidation> {
  const { schema, mandatory, run } = await loadCsafValidator();
  const schemaResult = await run([schema], document);
  const schemaErrors = schemaResult.tests.flatMap((t) => toProblems(t.name, t.errors));
  if (!schemaResult.isValid) {
    return { valid: false, errors: schemaErrors.slice(0, MAX_PROBLEMS), warnings: [] };
  }
  let result: CsafValidationResult;
  try {
    result = await run(mandatory, document);
  } catch (error) {
    return {
      valid: false,
      errors: [{ pointer: '', message: `validator failed: ${(error as Error).message}`, test: 'validator' }],
      warnings: [],
    };
  }
  const errors = result.tests
    .filter((t) => !t.isValid || t.errors.length > 0)
    .flatMap((t) => toProblems(t.name, t.errors));
  const warnings = result.tests.flatMap((t) => toProblems(t.name, t.warnings));
  return {
    valid: result.isValid && errors.length === 0,
    errors: errors.slice(0, MAX_PROBLEMS),
    warnings: warnings.slice(0, MAX_PROBLEMS),
  };
}

const isObject = (value: unknown): value is CsafJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function decodeJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw new CsafError(
      'encoding',
      [{ pointer: '', message: 'the document is not valid UTF-8', test: 'encoding' }],
      {
        cause: error,
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CsafError(
      'malformed-json',
      [{ pointer: '', message: `not JSON: ${(error as Error).message}`, test: 'json' }],
      { cause: error },
    );
  }
}

const TLP_V1 = new Set<string>(['WHITE', 'GREEN', 'AMBER', 'RED']);

export function tlpOf(document: CsafJson): CsafTlp {
  const meta = isObject(document.document) ? document.document : {};
  const distribution = isObject(meta.distribution) ? meta.distribution : {};
  const tlp = isObject(distribution.tlp) ? distribution.tlp : {};
  const raw = str(tlp.label);
  const csafLabel = raw && TLP_V1.has(raw) ? (raw as CsafTlpV1Label) : null;
  const text = str(distribution.text);
  const stated = text ? /TLP v2\.0:\s*TLP:\s*(CLEAR|GREEN|AMBER\+STRICT|AMBER|RED)\b/i.exec(text) : null;
  const statedInText = stated ? parseTlpLabel(stated[1] as string) : null;
  const mapped = csafLabel ? mapCsafTlp(csafLabel) : null;
  if (statedInText) {
    // the text may tighten the label, or name the one known loosening: RED written, AMBER+STRICT meant
    const tighter = mapped === null || TLP_RANK[statedInText] >= TLP_RANK[mapped];
    const redMeantAsStrict = mapped === 'RED' && statedInText === 'AMBER+STRICT';
    if (tighter || redMeantAsStrict) {
      return { label: statedInText, csafLabel, source: 'distribution-text', statedInText };
    }
  }
  if (mapped) return { label: mapped, csafLabel, source: 'document', statedInText };
  return { label: 'CLEAR', csafLabel: null, source: 'default', statedInText };
}

/**
 * Read a CSAF document from its bytes. Throws `CsafError` (never anything else) listing every
 * problem when the document is too large, not UTF-8 JSON, or invalid.
 */
export async function readCsaf(bytes: Uint8Array, options: ReadCsafOptions = {}): Promise<CsafRead> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CSAF_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new CsafError('too-large', [
      {
        pointer: '',
        message: `the document has ${bytes.byteLength} bytes, more than the limit of ${maxBytes}`,
        test: 'size',
      },
    ]);
  }
  const parsed = decodeJson(bytes);
  if (!isObject(parsed) || !isObject(parsed.document)) {
    throw new CsafError('not-csaf', [
      {
        pointer: '/document',
        message: 'a CSAF document is a JSON object with a "document" object',
        test: 'schema',
      },
    ]);
  }
  const validation = await validateCsaf(parsed);
  if (!validation.valid) throw new CsafError('invalid', validation.errors);

  // schema-valid from here: the required fields exist with the right types
  const meta = parsed.document as CsafJson;
  const publisher = meta.publisher as CsafJson;
  const tracking = meta.tracking as CsafJson;
  const tlp = tlpOf(parsed);
  const warnings = [...validation.warnings];
  if (tlp.statedInText && tlp.statedInText !== tlp.label) {
    warnings.push({
      pointer: '/document/distribution/text',
      message: `the text states TLP:${tlp.statedInText}, looser than the label; TLP:${tlp.label} applies`,
      test: 'tlp',
    });
  }
  if (tlp.source === 'default') {
    warnings.push({
      pointer: '/document/distribution/tlp',
      message: 'no TLP label: treated as TLP:CLEAR (CSAF 2.1 conversion rule), please confirm',
      test: 'tlp',
    });
  }
  const cves: string[] = [];
  for (const vulnerability of Array.isArray(parsed.vulnerabilities) ? parsed.vulnerabilities : []) {
    const cve = isObject(vulnerability) ? str(vulnerability.cve) : null;
    if (cve && !cves.includes(cve)) cves.push(cve);
  }
  const buffer =
    bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    document: parsed,
    bytes,
    sha512: createHash('sha512').update(buffer).digest('hex'),
    sha256: createHash('sha256').update(buffer).digest('hex'),
    publisherNamespace: publisher.namespace as string,
    publisherName: publisher.name as string,
    trackingId: tracking.id as string,
    version: tracking.version as string,
    trackingStatus: tracking.status as CsafRead['trackingStatus'],
    initialReleaseDate: tracking.initial_release_date as string,
    currentReleaseDate: tracking.current_release_date as string,
    revisionHistory: (tracking.revision_history as CsafJson[]).map((revision) => ({
      number: revision.number as string,
      date: revision.date as string,
      summary: str(revision.summary),
    })),
    category: meta.category as string,
    title: meta.title as string,
    language: str(meta.lang),
    tlp,
    cves,
    warnings,
  };
}

/**
 * The identity under which revisions supersede each other: publisher namespace + tracking id
 * (CSAF 2.0 section 3.2.1.12.6). The namespace is compared without a trailing slash.
 */
export function csafDocumentKey(read: Pick<CsafRead, 'publisherNamespace' | 'trackingId'>): string {
  return `${read.publisherNamespace.replace(/\/+$/, '')}#${read.trackingId}`;
}

const STATUS_RANK: Record<CsafRead['trackingStatus'], number> = { draft: 0, interim: 1, final: 2 };

/**
 * Order two revisions of the same document: by tracking version (integer or semver), then status
 * (draft < interim < final: ISDuBA's v3-interim and v3-final share version 3), then
 * current_release_date. Positive when `a` is newer.
 */
export function compareCsafRevisions(
  a: Pick<CsafRead, 'version' | 'trackingStatus' | 'currentReleaseDate'>,
  b: Pick<CsafRead, 'version' | 'trackingStatus' | 'currentReleaseDate'>,
): number {
  const byVersion = compareVersions(a.version, b.version, 'semver');
  if (byVersion !== 0) return byVersion;
  const byStatus = STATUS_RANK[a.trackingStatus] - STATUS_RANK[b.trackingStatus];
  if (byStatus !== 0) return byStatus;
  const byDate = Date.parse(a.currentReleaseDate) - Date.parse(b.currentReleaseDate);
  return Number.isNaN(byDate) ? 0 : byDate;
}
