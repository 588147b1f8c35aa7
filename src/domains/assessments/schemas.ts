import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';

export const PHASES = ['self', 'on_site', 're_assessment'] as const;
export const STATUSES = ['draft', 'submitted', 'verified', 'frozen'] as const;
export const ANSWER_VALUES = ['yes', 'partial', 'no', 'not_applicable', 'open'] as const;
export const LEVELS = ['basis', 'standard', 'elevated'] as const;
export const SAMPLE_RESULTS = ['passed', 'failed', 'inconclusive'] as const;
export const ACTIONS = [
  'answer',
  'submit',
  'override',
  'record_sample',
  'verify',
  'freeze',
  'next_phase',
] as const;

export const SCORE_FORMULA =
  'score = fulfilled / applicable with fulfilled = yes + 0.5 × partial (no and open count 0) and ' +
  'applicable = all requirements except not_applicable; the effective answer is the auditor’s ' +
  'override where one exists. Per topic (top-level group) and overall (pooled over all ' +
  'requirements, not the mean of the topics); null when nothing is applicable.';

const AnswerStatusSchema = z.enum(ANSWER_VALUES);
const PersonRef = z.object({ id: z.uuid(), name: z.string() }).nullable();
const Timestamp = z.iso.datetime();

/** PostgreSQL text cannot hold NUL; refused here rather than failing in the database. */
const NO_NUL = [
  (value: string) => !value.includes('\u0000'),
  { message: 'darf kein NUL-Zeichen enthalten' },
] as const;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine(...NO_NUL);

/** Free text: trimmed; empty means "none". */
const optionalText = (max: number) =>
  text(max)
    .transform((value) => value.trim() || null)
    .nullable()
    .optional();

/** A requirement by its id (uuid) or its key in the catalog (e.g. `BB-DSI-03`). */
export const RequirementRef = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(...NO_NUL)
  .describe('requirement id (uuid) or key in the catalog, e.g. BB-DSI-03');

// --- DTOs --------------------------------------------------------------------------------------

export const TopicSchema = z.object({
  id: z.uuid().nullable().describe('top-level group of the catalog; null for requirements outside any group'),
  key: z.string(),
  title: z.string(),
});

export const TopicProgressSchema = z.object({
  topic: TopicSchema,
  answered: z.number().int().describe('answers other than open'),
  total: z.number().int(),
});

export const SubsetSchema = z
  .union([
    z.object({ kind: z.literal('requirements'), requirementKeys: z.array(z.string()) }),
    z.object({ kind: z.literal('level'), level: z.enum(LEVELS) }),
  ])
  .nullable();

export const AssessmentSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  catalog: z.object({ id: z.uuid(), key: z.string(), version: z.string(), title: z.string() }),
  title: z.string(),
  phase: z.enum(PHASES),
  status: z.enum(STATUSES),
  subset: SubsetSchema,
  predecessorId: z.uuid().nullable(),
  requirementCount: z.number().int(),
  progress: z.object({
    answered: z.number().int(),
    total: z.number().int(),
    topics: z.array(TopicProgressSchema).optional().describe('only on GET /assessments/{id}'),
  }),
  createdBy: PersonRef,
  createdAt: Timestamp,
  submittedAt: Timestamp.nullable(),
  submittedBy: PersonRef,
  verifiedAt: Timestamp.nullable(),
  verifiedBy: PersonRef,
  frozenAt: Timestamp.nullable(),
  snapshotSha256: z
    .string()
    .nullable()
    .describe('sha256 of the canonical JSON (RFC 8785) of the frozen snapshot'),
  allowedActions: z.array(z.enum(ACTIONS)).describe('what the caller may do now'),
});
export type AssessmentDto = z.infer<typeof AssessmentSchema>;

export const AssessmentListSchema = z.object({
  items: z.array(AssessmentSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const EvidenceSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  requirementId: z.uuid(),
  requirementKey: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  originalName: z.string(),
  uploadedBy: PersonRef,
  uploadedAt: Timestamp,
});
export type EvidenceDto = z.infer<typeof EvidenceSchema>;

export const AnswerSchema = z.object({
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  requirementId: z.uuid(),
  requirementKey: z.string(),
  topicId: z.uuid().nullable(),
  status: AnswerStatusSchema.describe('the Kommune’s answer'),
  justification: z.string().nullable(),
  responsible: z.string().nullable().describe('who carries the requirement out, e.g. IT-Dienstleister'),
  answeredBy: PersonRef,
  answeredAt: Timestamp.nullable(),
  auditorStatus: AnswerStatusSchema.nullable().describe('the auditor’s override'),
  auditorNote: z.string().nullable(),
  overriddenBy: PersonRef,
  overriddenAt: Timestamp.nullable(),
  effectiveStatus: AnswerStatusSchema.describe('auditorStatus if set, else status'),
});
export type AnswerDto = z.infer<typeof AnswerSchema>;

export const RequirementSummarySchema = z.object({
  title: z.string(),
  titleEn: z.string().nullable(),
  statement: z.string().nullable(),
  guidance: z.string().nullable(),
  level: z.enum(LEVELS).nullable(),
  effort: z.enum(['low', 'medium', 'high']).nullable(),
});

export const AnswerWithRequirementSchema = AnswerSchema.extend({
  requirement: RequirementSummarySchema,
  evidence: z.array(EvidenceSchema),
});
export type AnswerWithRequirementDto = z.infer<typeof AnswerWithRequirementSchema>;

export const AnswersByTopicSchema = z.object({
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  topics: z.array(
    TopicProgressSchema.extend({
      answers: z.array(AnswerWithRequirementSchema),
    }),
  ),
});

export const AnswerValueSchema = z.object({
  status: AnswerStatusSchema.optional(),
  justification: z.string().nullable().optional(),
  responsible: z.string().nullable().optional(),
  auditorStatus: AnswerStatusSchema.nullable().optional(),
  auditorNote: z.string().nullable().optional(),
});

export const AnswerHistorySchema = z.object({
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  requirementId: z.uuid(),
  requirementKey: z.string(),
  items: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['answer', 'override']),
      previous: AnswerValueSchema.nullable(),
      next: AnswerValueSchema,
      changedBy: z.object({ id: z.uuid().nullable(), name: z.string() }),
      changedAt: Timestamp,
    }),
  ),
});

export const SampleSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  requirementId: z.uuid(),
  requirementKey: z.string(),
  description: z.string(),
  result: z.enum(SAMPLE_RESULTS),
  recordedBy: PersonRef,
  recordedAt: Timestamp,
});
export type SampleDto = z.infer<typeof SampleSchema>;

export const SampleListSchema = z.object({
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  items: z.array(SampleSchema),
});
export const EvidenceListSchema = z.object({
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  items: z.array(EvidenceSchema),
});

const ScoreFields = {
  counts: z.object({
    yes: z.number().int(),
    partial: z.number().int(),
    no: z.number().int(),
    not_applicable: z.number().int(),
    open: z.number().int(),
  }),
  total: z.number().int(),
  applicable: z.number().int(),
  fulfilled: z.number().describe('yes + 0.5 × partial'),
  score: z.number().min(0).max(1).nullable().describe('fulfilled / applicable'),
};
export const ScoreSchema = z.object(ScoreFields);

export const ScoresSchema = z.object({
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  formula: z.string(),
  overall: ScoreSchema,
  topics: z.array(z.object({ topic: TopicSchema, ...ScoreFields })),
});

const CHANGE_KINDS = [
  'improved',
  'worsened',
  'unchanged',
  'applicability_changed',
  'added',
  'removed',
] as const;
const ChangeSummarySchema = z.object(
  Object.fromEntries(CHANGE_KINDS.map((k) => [k, z.number().int()])) as Record<
    (typeof CHANGE_KINDS)[number],
    z.ZodNumber
  >,
);
const ComparedSide = z.object({
  assessmentId: z.uuid(),
  organisationId: z.uuid(),
  phase: z.enum(PHASES),
  status: z.enum(STATUSES),
  frozenAt: Timestamp.nullable(),
  catalog: z.object({ key: z.string(), version: z.string() }),
  score: z.number().nullable(),
});

export const ComparisonSchema = z.object({
  organisationId: z.uuid().describe('the organisation of the compared (target) assessment'),
  base: ComparedSide,
  target: ComparedSide,
  summary: ChangeSummarySchema,
  topics: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      baseScore: z.number().nullable(),
      targetScore: z.number().nullable(),
      summary: ChangeSummarySchema,
    }),
  ),
  changes: z.array(
    z.object({
      requirementKey: z.string(),
      topicKey: z.string(),
      base: AnswerStatusSchema.nullable(),
      target: AnswerStatusSchema.nullable(),
      change: z.enum(CHANGE_KINDS),
    }),
  ),
});

export const OscalDocumentSchema = z
  .record(z.string(), z.unknown())
  .describe('OSCAL 1.1.3 assessment-results JSON');

// --- requests ----------------------------------------------------------------------------------

export const AssessmentListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  status: z.enum(STATUSES).optional(),
  phase: z.enum(PHASES).optional(),
  catalogId: z.uuid().optional(),
  ...PaginationQuery,
});
export type AssessmentListFilter = z.infer<typeof AssessmentListQuery>;

export const SubsetBody = z.union([
  z.strictObject({
    requirementIds: z
      .array(RequirementRef)
      .min(1)
      .max(10_000)
      .describe('requirements by id or key; the assessment covers exactly these'),
  }),
  z.strictObject({
    level: z
      .enum(LEVELS)
      .describe('profile by level: basis = basis only, standard = basis + standard, elevated = all'),
  }),
]);
export type SubsetInput = z.infer<typeof SubsetBody>;

export const CreateAssessmentBody = z.strictObject({
  organisationId: z.uuid().describe('the Kommune'),
  catalogId: z.uuid(),
  phase: z.enum(PHASES).default('self'),
  title: text(200).trim().min(1).optional(),
  subset: SubsetBody.optional(),
});
export type CreateAssessmentInput = z.infer<typeof CreateAssessmentBody>;

export const AnswerBody = z.strictObject({
  status: AnswerStatusSchema,
  justification: optionalText(10_000).describe('omitted: unchanged; null or empty: removed'),
  responsible: optionalText(200).describe('omitted: unchanged; null or empty: removed'),
});
export type AnswerInput = z.infer<typeof AnswerBody>;

export const BulkAnswersBody = z.strictObject({
  answers: z
    .array(AnswerBody.extend({ requirementId: RequirementRef }))
    .min(1)
    .max(1_000),
});
export type BulkAnswersInput = z.infer<typeof BulkAnswersBody>;

export const OverrideBody = z
  .strictObject({
    status: AnswerStatusSchema.nullable().describe('null removes the override'),
    note: optionalText(10_000),
  })
  .refine((body) => body.status === null || Boolean(body.note), {
    message: 'Eine Abweichung braucht eine Begründung (note).',
    path: ['note'],
  });
export type OverrideInput = z.infer<typeof OverrideBody>;

export const SampleBody = z.strictObject({
  requirementId: RequirementRef,
  description: text(5_000).trim().min(1),
  result: z.enum(SAMPLE_RESULTS),
});
export type SampleInput = z.infer<typeof SampleBody>;

export const NextPhaseBody = z.strictObject({
  phase: z.enum(['on_site', 're_assessment']),
  title: text(200).trim().min(1).optional(),
});
export type NextPhaseInput = z.infer<typeof NextPhaseBody>;

export const ImportBody = z.strictObject({
  organisationId: z.uuid().describe('the Kommune the results belong to'),
  catalogId: z
    .uuid()
    .optional()
    .describe('default: the catalog named by the document’s catalog-key / catalog-version props'),
  title: text(200).trim().min(1).optional(),
  phase: z.enum(PHASES).optional().describe('default: the document’s phase prop, else self'),
  document: OscalDocumentSchema,
});
export type ImportInput = z.infer<typeof ImportBody>;

export const EvidenceUploadQuery = z.strictObject({
  requirementId: RequirementRef,
  filename: z.string().min(1).max(255).describe('original file name; its extension must match the content'),
});

export const AssessmentParams = z.strictObject({ id: z.uuid() });
export const AnswerParams = z.strictObject({ id: z.uuid(), requirementId: RequirementRef });
export const EvidenceParams = z.strictObject({ id: z.uuid(), evidenceId: z.uuid() });
export const CompareParams = z.strictObject({ id: z.uuid(), baseId: z.uuid() });
export const AnswersQuery = z.strictObject({
  topicId: z.uuid().optional().describe('only this topic'),
});
export const EvidenceListQuery = z.strictObject({ requirementId: RequirementRef.optional() });
