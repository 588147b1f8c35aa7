import { z } from 'zod';
import { PaginationQuery } from '../../../platform/http/api.ts';
import { SCAN_FORMATS, SCAN_SOURCES } from '../imports/finding.ts';

export const FINDING_STATES = ['open', 'fixed', 'accepted'] as const;
export const FINDING_SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export const LIGHTS = ['red', 'orange', 'green', 'grey'] as const;

export const LIGHT_RULE =
  'rot: mindestens ein offener Befund mit Schweregrad hoch; orange: offene mittlere, keine hohen; grün: gescannt, keine offenen hohen oder mittleren; grau: noch nie gescannt. Abgelaufene Risikoakzeptanzen zählen als offen.';
export const ACCEPT_RULE =
  'Risikoakzeptanz (comply or explain) durch das ISB der Kommune oder das Ministerium: Begründung Pflicht, Ablaufdatum höchstens ein Jahr ab heute; danach ist der Befund wieder offen.';

export const OrganisationParams = z.strictObject({ id: z.uuid() });
export const FindingParams = z.strictObject({ id: z.uuid() });

export const ImportQuery = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine(
      (name) => !/[\\/]/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 0x20),
      'Dateiname ohne Pfad und Steuerzeichen',
    )
    .optional(),
  format: z.enum(['auto', ...SCAN_FORMATS]).default('auto'),
});

const Counts = z.object({
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});

export const ImportResultSchema = z.object({
  importId: z.uuid(),
  organisationId: z.uuid(),
  format: z.enum(SCAN_FORMATS),
  fileName: z.string().nullable(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  scannerVersion: z.string().nullable(),
  hosts: z.number().int(),
  findingsCount: z.number().int().describe('findings in the report, as the parser counted them'),
  servicesCount: z.number().int(),
  recordsTotal: z.number().int(),
  coverageFromFindingsOnly: z
    .boolean()
    .describe('true (Nuclei): the report names no scope, so nothing is set fixed by it'),
  duplicates: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  fixed: z.number().int(),
  reopened: z.number().int(),
  unchanged: z.number().int(),
  expired: z.number().int(),
  measuresCreated: z.number().int(),
  open: Counts,
});
export type ImportResultDto = z.infer<typeof ImportResultSchema>;

export const ImportSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  kind: z.enum(['import', 'run']),
  source: z.enum(SCAN_SOURCES),
  label: z.string(),
  fileName: z.string().nullable(),
  sha256: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  runId: z.uuid().nullable(),
  scannerVersion: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  coverage: z.array(z.object({ host: z.string(), ports: z.array(z.number().int()).optional() })),
  coverageFromFindingsOnly: z.boolean(),
  findingsReported: z.number().int(),
  servicesReported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  fixed: z.number().int(),
  reopened: z.number().int(),
  unchanged: z.number().int(),
  open: Counts.partial(),
  importedBy: z.string(),
  importedAt: z.string(),
});
export const ImportListSchema = z.object({ organisationId: z.uuid(), items: z.array(ImportSchema) });

export const FindingListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  state: z.enum(FINDING_STATES).optional(),
  severity: z.enum(FINDING_SEVERITIES).optional(),
  source: z.enum(SCAN_SOURCES).optional(),
  host: z.string().trim().min(1).max(253).optional(),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  check: z.string().trim().min(1).max(300).optional().describe('check id or vulnerability id (e.g. a CVE)'),
  ...PaginationQuery,
});
export type FindingListFilter = z.infer<typeof FindingListQuery>;

export const FindingSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  assetId: z.uuid(),
  source: z.enum(SCAN_SOURCES),
  host: z.string(),
  ip: z.string().nullable(),
  port: z.number().int().nullable(),
  protocol: z.enum(['tcp', 'udp']).nullable(),
  service: z.string().nullable(),
  checkId: z.string().nullable(),
  vulnerabilityId: z.string().nullable(),
  cves: z.array(z.string()),
  cvss: z.object({ score: z.number().nullable(), vector: z.string().nullable() }),
  severity: z.enum(FINDING_SEVERITIES),
  reportedSeverity: z.string(),
  title: z.string(),
  state: z.enum(FINDING_STATES),
  acceptance: z
    .object({
      reason: z.string(),
      acceptedBy: z.string().nullable(),
      acceptedAt: z.string().nullable(),
      expiresAt: z.string(),
      expired: z.boolean(),
    })
    .nullable(),
  fixedAt: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type FindingDto = z.infer<typeof FindingSchema>;

export const FindingListSchema = z.object({
  items: z.array(FindingSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const FindingDetailSchema = FindingSchema.extend({
  description: z.string().nullable(),
  evidence: z.string().nullable(),
  solution: z.string().nullable(),
  references: z.array(z.string()),
  history: z.array(
    z.object({
      kind: z.enum(['created', 'state', 'severity']),
      fromState: z.enum(FINDING_STATES).nullable(),
      toState: z.enum(FINDING_STATES),
      severity: z.enum(FINDING_SEVERITIES),
      reason: z.string().nullable(),
      acceptedUntil: z.string().nullable(),
      importId: z.uuid().nullable(),
      importLabel: z.string().nullable(),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.uuid(),
      assessmentId: z.uuid(),
      title: z.string(),
      status: z.string(),
      resolvedAt: z.string().nullable(),
      resolution: z.enum(['fixed', 'accepted']).nullable(),
    }),
  ),
});
export type FindingDetailDto = z.infer<typeof FindingDetailSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'kein gültiges Datum');

export const AcceptBody = z.strictObject({
  reason: z.string().trim().min(10, 'Bitte die Risikoakzeptanz begründen (mindestens 10 Zeichen).').max(2000),
  expiresOn: isoDate.describe('last day the acceptance holds (at most one year from today)'),
});
export type AcceptInput = z.infer<typeof AcceptBody>;

export const ReopenBody = z.strictObject({
  reason: z.string().trim().min(3, 'Bitte einen Grund angeben.').max(2000),
});
export type ReopenInput = z.infer<typeof ReopenBody>;

export const StatusQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(90),
});

const LightFields = {
  organisationId: z.uuid(),
  name: z.string(),
  ars: z.string().nullable(),
  light: z.enum(LIGHTS),
  lastScanAt: z.string().nullable(),
  open: Counts,
  accepted: z.number().int(),
};

export const ScanStatusSchema = z.object({
  ...LightFields,
  rule: z.string(),
  trend: z.array(z.object({ date: z.string(), ...Counts.shape })),
  imports: z.array(
    z.object({
      importId: z.uuid(),
      kind: z.enum(['import', 'run']),
      source: z.enum(SCAN_SOURCES),
      label: z.string(),
      importedAt: z.string(),
      open: Counts.partial(),
    }),
  ),
});

export const ScanStatusListSchema = z.object({
  rule: z.string(),
  totals: z.object({
    red: z.number().int(),
    orange: z.number().int(),
    green: z.number().int(),
    grey: z.number().int(),
  }),
  items: z.array(z.object({ ...LightFields, type: z.string() })),
});

// --- contradictions between self-assessment and scans (contradictions.ts) ----------------------

const ANSWER_STATUSES = ['yes', 'partial', 'no', 'not_applicable', 'open'] as const;

export const ContradictionFindingSchema = z.object({
  id: z.uuid(),
  checkId: z.string(),
  title: z.string(),
  description: z
    .string()
    .nullable()
    .describe('the outcome as the check summarised it, e.g. “TLS 1.0 angeboten”'),
  severity: z.enum(FINDING_SEVERITIES),
  host: z.string(),
  port: z.number().int().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export const ContradictionSchema = z.object({
  requirementId: z.uuid(),
  requirementKey: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  topicKey: z
    .string()
    .nullable()
    .describe('key of the topic the requirement belongs to (links into the questions)'),
  answer: z
    .enum(['yes', 'partial'])
    .describe('effective answer: the auditor’s override if any, else the self answer'),
  answerBy: z.enum(['self', 'auditor']),
  selfAnswer: z.enum(ANSWER_STATUSES),
  weaker: z.boolean().describe('true for “partial”: the finding contradicts less strongly'),
  findings: z.array(ContradictionFindingSchema),
});

export const ContradictionListSchema = z.object({
  assessmentId: z.uuid(),
  organisationId: z.uuid(),
  items: z.array(ContradictionSchema),
  total: z.number().int(),
});
export type ContradictionListDto = z.infer<typeof ContradictionListSchema>;

export const CONTRADICTION_RULE =
  'Anforderungen der Bewertung, deren wirksame Antwort (Prüferentscheidung, sonst Selbstauskunft) „ja“ oder „teilweise“ lautet, während die Kommune einen offenen Befund (offen oder abgelaufene Risikoakzeptanz) einer eingebauten Prüfung hat, deren Fehlschlag dieser Anforderung widerspricht (Zuordnung über den Anforderungsschlüssel des Bastei-Basis-Katalogs; andere Kataloge ergeben eine leere Liste).';
