/**
 * OSCAL 1.1.3 assessment-results: export of an assessment (snapshot) and import of results.
 *
 * Export: one result; each requirement is a finding whose target (type objective-id, target-id =
 * the requirement key) carries the effective answer as objective status (yes → satisfied/pass,
 * not_applicable → satisfied/other with implementation-status not-applicable, partial →
 * not-satisfied/fail with implementation-status partial, no → not-satisfied/fail, open →
 * not-satisfied/other) and Bastei props (ns urn:bastei:oscal) with the exact answers. Technical
 * samples (method TEST) and evidence files (method EXAMINE, relevant-evidence) are observations
 * related to their findings. UUIDs are name-based (v5) on the assessment id, so exporting the
 * same state twice gives the same document.
 *
 * Import: validated against the official JSON schema when one is configured, then structurally;
 * every failure names the JSON pointer into the document. Answers come from the Bastei `answer`
 * prop where present, else from the objective status as above (foreign tools).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import { z } from 'zod';
import type { AnswerStatus, AssessmentPhase } from '../../platform/db/schema.ts';
import { BASTEI_NS } from '../catalogs/rows.ts';
import { PHASES } from './schemas.ts';
import type { AssessmentSnapshot } from './snapshot.ts';

export const OSCAL_VERSION = '1.1.3';
export const AR_SCHEMA_FILE = 'oscal_assessment-results_schema.json';

// --- name-based UUIDs ------------------------------------------------------------------------

/** RFC 4122 version-5 UUID of `name` within the namespace uuid `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// --- export ----------------------------------------------------------------------------------

type Prop = { name: string; ns?: string; value: string };
const prop = (name: string, value: string): Prop => ({ name, ns: BASTEI_NS, value });

/** OSCAL strings may not be empty nor start or end with whitespace, and stay on one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
/** A requirement key as OSCAL token (NCName): kept when it is one, else made into one. */
export const tokenOf = (key: string) =>
  TOKEN.test(key) ? key : `_${key.replace(/[^\p{L}\p{N}._-]/gu, '_')}`;

const OBJECTIVE: Record<
  AnswerStatus,
  { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' | 'other'; implementation?: string }
> = {
  yes: { state: 'satisfied', reason: 'pass', implementation: 'implemented' },
  not_applicable: { state: 'satisfied', reason: 'other', implementation: 'not-applicable' },
  partial: { state: 'not-satisfied', reason: 'fail', implementation: 'partial' },
  no: { state: 'not-satisfied', reason: 'fail' },
  open: { state: 'not-satisfied', reason: 'other' },
};

const PHASE_TITLE: Record<AssessmentPhase, string> = {
  self: 'Selbstauskunft',
  on_site: 'Prüfung vor Ort',
  re_assessment: 'Wiederholungsprüfung',
};

/** The OSCAL assessment-results document of a snapshot. */
export function exportAssessmentResults(
  snapshot: AssessmentSnapshot,
  options: { evidenceHref: (evidenceId: string) => string; now?: Date },
): Record<string, unknown> {
  const a = snapshot.assessment;
  const id = (name: string) => uuidV5(a.id, name);
  const lastModified = a.frozenAt ?? (options.now ?? new Date()).toISOString();
  const observationsByKey = new Map<string, string[]>();
  const relate = (key: string, uuid: string) =>
    observationsByKey.set(key, [...(observationsByKey.get(key) ?? []), uuid]);

  const observations: Record<string, unknown>[] = [];
  for (const sample of snapshot.samples) {
    const uuid = id(`sample:${sample.id}`);
    relate(sample.requirementKey, uuid);
    observations.push({
      uuid,
      title: `Stichprobe ${sample.requirementKey}`,
      description: sample.description,
      props: [
        prop('requirement-key', oneLine(sample.requirementKey)),
        prop('sample-result', sample.result),
        ...(sample.recordedBy ? [prop('recorded-by', oneLine(sample.recordedBy))] : []),
      ],
      methods: ['TEST'],
      types: ['control-objective'],
      collected: sample.recordedAt,
    });
  }
  for (const evidence of snapshot.evidence) {
    const uuid = id(`evidence:${evidence.id}`);
    relate(evidence.requirementKey, uuid);
    observations.push({
      uuid,
      title: `Nachweis ${evidence.requirementKey}`,
      description: `Nachweisdatei ${evidence.originalName}`,
      props: [prop('requirement-key', oneLine(evidence.requirementKey))],
      methods: ['EXAMINE'],
      types: ['control-objective'],
      'relevant-evidence': [
        {
          href: options.evidenceHref(evidence.id),
          description: evidence.originalName,
          props: [
            prop('sha256', evidence.sha256),
            prop('media-type', oneLine(evidence.mediaType)),
            prop('size', String(evidence.size)),
          ],
        },
      ],
      collected: evidence.uploadedAt,
    });
  }

  const findings = snapshot.answers.map((answer) => {
    const objective = OBJECTIVE[answer.effectiveStatus];
    const related = observationsByKey.get(answer.requirementKey);
    return {
      uuid: id(`finding:${answer.requirementKey}`),
      title: oneLine(`${answer.requirementKey}: ${answer.title}`),
      description: answer.justification ?? '(keine Begründung)',
      props: [
        prop('requirement-key', oneLine(answer.requirementKey)),
        prop('topic', oneLine(answer.topicKey)),
        prop('answer', answer.effectiveStatus),
        prop('self-answer', answer.status),
        ...(answer.auditorStatus ? [prop('auditor-answer', answer.auditorStatus)] : []),
        ...(answer.responsible ? [prop('responsible', oneLine(answer.responsible))] : []),
        ...(answer.answeredBy ? [prop('answered-by', oneLine(answer.answeredBy))] : []),
        ...(answer.answeredAt ? [prop('answered-at', answer.answeredAt)] : []),
      ],
      target: {
        type: 'objective-id',
        'target-id': tokenOf(answer.requirementKey),
        status: { state: objective.state, reason: objective.reason },
        ...(objective.implementation ? { 'implementation-status': { state: objective.implementation } } : {}),
      },
      ...(related ? { 'related-observations': related.map((uuid) => ({ 'observation-uuid': uuid })) } : {}),
      ...(answer.auditorNote ? { remarks: answer.auditorNote } : {}),
    };
  });

  const subsetKeys = a.subset ? snapshot.answers.map((x) => x.requirementKey) : null;
  const overall = snapshot.scores.overall.score;
  const result: Record<string, unknown> = {
    uuid: id('result'),
    title: `${PHASE_TITLE[a.phase]}: ${oneLine(a.title)}`,
    description: `${PHASE_TITLE[a.phase]} von ${a.organisationName} gegen ${snapshot.catalog.title} (${snapshot.catalog.version}).`,
    start: a.createdAt,
    ...(a.frozenAt ? { end: a.frozenAt } : {}),
    props: [
      prop('assessment-id', a.id),
      prop('catalog-key', snapshot.catalog.key),
      prop('catalog-version', oneLine(snapshot.catalog.version)),
      prop('phase', a.phase),
      prop('status', a.status),
      ...(overall === null ? [] : [prop('score', String(overall))]),
    ],
    'reviewed-controls': {
      'control-selections': [
        subsetKeys
          ? { 'include-controls': subsetKeys.map((key) => ({ 'control-id': tokenOf(key) })) }
          : { 'include-all': {} },
      ],
    },
    ...(observations.length > 0 ? { observations } : {}),
    ...(findings.length > 0 ? { findings } : {}),
  };
  return {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: oneLine(`${a.title} — ${a.organisationName}`),
        'last-modified': lastModified,
        version: `${a.phase}-${a.status}`,
        'oscal-version': OSCAL_VERSION,
        props: [prop('assessment-id', a.id), ...(a.ars ? [prop('organisation-ars', a.ars)] : [])],
        parties: [
          {
            uuid: id('party:organisation'),
            type: 'organization',
            name: oneLine(a.organisationName),
            ...(a.ars ? { props: [prop('ars', a.ars)] } : {}),
          },
        ],
      },
      'import-ap': { href: `urn:bastei:assessment-plan:${a.id}` },
      results: [result],
    },
  };
}

// --- validation ------------------------------------------------------------------------------

export interface OscalProblem {
  /** JSON pointer into the document (RFC 6901). */
  pointer: string;
  message: string;
}

export class OscalResultsError extends Error {
  constructor(readonly problems: OscalProblem[]) {
    super(problems.map((p) => `${p.pointer || '(document root)'}: ${p.message}`).join('; '));
    this.name = 'OscalResultsError';
  }
}

// ajv-formats is CommonJS; under NodeNext the default import may be the module object.
type FormatsPlugin = (ajv: Ajv2020) => unknown;
const addFormats: FormatsPlugin =
  (addFormatsImport as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsImport as unknown as FormatsPlugin);

const validators = new Map<string, ValidateFunction>();

/**
 * The compiled validator for the assessment-results schema in `schemaDir` (cached). The OSCAL
 * schemas are draft-07; ajv's 2020-12 class validates them once the draft-07 meta-schema is known.
 */
export function assessmentResultsValidator(schemaDir: string): ValidateFunction {
  const file = join(schemaDir, AR_SCHEMA_FILE);
  const cached = validators.get(file);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as Record<
    string,
    unknown
  >;
  // strict: false — the generated OSCAL schemas use keywords strict mode flags.
  const ajv = new Ajv2020({ strict: false });
  ajv.addMetaSchema(draft07);
  addFormats(ajv);
  const validate = ajv.compile(schema);
  validators.set(file, validate);
  return validate;
}

const COMBINATORS = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'then', 'else', 'not']);
const escapeToken = (token: string | number) => String(token).replace(/~/g, '~0').replace(/\//g, '~1');

function schemaProblem(errors: ErrorObject[]): OscalProblem {
  const pointerOf = (e: ErrorObject) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof params.missingProperty === 'string')
      return `${e.instancePath}/${escapeToken(params.missingProperty)}`;
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
      return `${e.instancePath}/${escapeToken(params.additionalProperty)}`;
    return e.instancePath;
  };
  const specific = errors.filter((e) => !COMBINATORS.has(e.keyword));
  const pool = specific.length > 0 ? specific : errors;
  let best: ErrorObject | undefined;
  for (const e of pool) if (!best || pointerOf(e).length > pointerOf(best).length) best = e;
  if (!best) return { pointer: '', message: 'entspricht nicht dem OSCAL-Schema' };
  const message =
    best.keyword === 'required'
      ? 'fehlt (Pflichtfeld)'
      : best.keyword === 'additionalProperties'
        ? 'ist im OSCAL-Schema nicht vorgesehen'
        : (best.message ?? `verletzt "${best.keyword}"`);
  return { pointer: pointerOf(best), message: `${message} [OSCAL ${OSCAL_VERSION} assessment-results]` };
}

// --- import ----------------------------------------------------------------------------------

const Props = z
  .array(z.object({ name: z.string(), ns: z.string().optional(), value: z.string() }).loose())
  .optional();
const Finding = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    props: Props,
    target: z
      .object({
        type: z.string(),
        'target-id': z.string().min(1),
        status: z.object({ state: z.enum(['satisfied', 'not-satisfied']) }).loose(),
        'implementation-status': z.object({ state: z.string() }).loose().optional(),
      })
      .loose(),
  })
  .loose();
const ResultsDocument = z
  .object({
    'assessment-results': z
      .object({
        metadata: z.object({ title: z.string() }).loose(),
        results: z
          .array(
            z
              .object({
                title: z.string().optional(),
                props: Props,
                'reviewed-controls': z
                  .object({
                    'control-selections': z
                      .array(
                        z
                          .object({
                            'include-all': z.object({}).loose().optional(),
                            'include-controls': z
                              .array(z.object({ 'control-id': z.string() }).loose())
                              .optional(),
                          })
                          .loose(),
                      )
                      .optional(),
                  })
                  .loose()
                  .optional(),
                findings: z.array(Finding).optional(),
              })
              .loose(),
          )
          .min(1),
      })
      .loose(),
  })
  .loose();

export interface ImportedAnswer {
  requirementKey: string;
  status: AnswerStatus;
  justification: string | null;
  responsible: string | null;
  /** Pointer of the finding, for error messages. */
  pointer: string;
}

export interface ImportedResults {
  /** Pointer of the result read (the last one). */
  resultPointer: string;
  title: string;
  catalogKey: string | undefined;
  catalogVersion: string | undefined;
  phase: AssessmentPhase | undefined;
  /** Requirement keys of include-controls; null = include-all or no selection. */
  subsetKeys: string[] | null;
  answers: ImportedAnswer[];
}

const ANSWERS = new Set<string>(['yes', 'partial', 'no', 'not_applicable', 'open']);
const own = (props: z.infer<typeof Props>, name: string) =>
  props?.find((p) => p.name === name && p.ns === BASTEI_NS)?.value;
/** PostgreSQL text cannot hold NUL characters. */
const withoutNul = (text: string | undefined) => text?.split('\u0000').join('');
const keyOfTarget = (targetId: string) => targetId.replace(/_(obj|smt)$/, '');

function statusOf(finding: z.infer<typeof Finding>, pointer: string): AnswerStatus {
  const declared = own(finding.props, 'answer');
  if (declared !== undefined) {
    if (!ANSWERS.has(declared)) {
      throw new OscalResultsError([
        {
          pointer: `${pointer}/props`,
          message: `unbekannte Antwort "${declared}" (erlaubt: ${[...ANSWERS].join(', ')})`,
        },
      ]);
    }
    return declared as AnswerStatus;
  }
  const implementation = finding.target['implementation-status']?.state;
  if (implementation === 'not-applicable') return 'not_applicable';
  if (finding.target.status.state === 'satisfied') return 'yes';
  if (implementation === 'partial') return 'partial';
  return 'no';
}

/**
 * Reads the answers of an assessment-results document (the last result when there are several).
 * `schemaDir`: folder with the official schema; without it only the structural check runs.
 */
export function parseAssessmentResults(
  document: unknown,
  options: { schemaDir?: string } = {},
): ImportedResults {
  if (options.schemaDir) {
    const validate = assessmentResultsValidator(options.schemaDir);
    if (!validate(document)) throw new OscalResultsError([schemaProblem(validate.errors ?? [])]);
  }
  const parsed = ResultsDocument.safeParse(document);
  if (!parsed.success) {
    throw new OscalResultsError(
      parsed.error.issues.slice(0, 20).map((issue) => ({
        pointer: issue.path.map((p) => `/${escapeToken(String(p))}`).join(''),
        message: issue.message,
      })),
    );
  }
  const results = parsed.data['assessment-results'].results;
  const index = results.length - 1;
  const result = results[index]!;
  const base = `/assessment-results/results/${index}`;
  const phase = own(result.props, 'phase');
  if (phase !== undefined && !(PHASES as readonly string[]).includes(phase)) {
    throw new OscalResultsError([{ pointer: `${base}/props`, message: `unbekannte Phase "${phase}"` }]);
  }
  const seen = new Map<string, string>();
  const problems: OscalProblem[] = [];
  const answers: ImportedAnswer[] = [];
  (result.findings ?? []).forEach((finding, i) => {
    const pointer = `${base}/findings/${i}`;
    const requirementKey = own(finding.props, 'requirement-key') ?? keyOfTarget(finding.target['target-id']);
    const earlier = seen.get(requirementKey);
    if (earlier) {
      problems.push({
        pointer,
        message: `Anforderung ${requirementKey} kommt doppelt vor (auch ${earlier})`,
      });
      return;
    }
    seen.set(requirementKey, pointer);
    const justification = withoutNul(finding.description)?.trim();
    answers.push({
      requirementKey,
      status: statusOf(finding, pointer),
      justification:
        justification && justification !== '(keine Begründung)' ? justification.slice(0, 10_000) : null,
      responsible: withoutNul(own(finding.props, 'responsible'))?.slice(0, 200) || null,
      pointer,
    });
  });
  if (problems.length > 0) throw new OscalResultsError(problems);
  const selections = result['reviewed-controls']?.['control-selections'] ?? [];
  // Export writes control ids as tokens; map them back to the findings' exact keys.
  const keyByToken = new Map(answers.map((a) => [tokenOf(a.requirementKey), a.requirementKey]));
  const included = selections
    .flatMap((s) => s['include-controls'] ?? [])
    .map((c) => keyByToken.get(c['control-id']) ?? keyOfTarget(c['control-id']));
  const includeAll = selections.some((s) => s['include-all'] !== undefined);
  return {
    resultPointer: base,
    title: result.title ?? parsed.data['assessment-results'].metadata.title,
    catalogKey: own(result.props, 'catalog-key'),
    catalogVersion: own(result.props, 'catalog-version'),
    phase: phase as AssessmentPhase | undefined,
    subsetKeys: includeAll || included.length === 0 ? null : included,
    answers,
  };
}
