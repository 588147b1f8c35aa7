import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';

export const MEASURE_TYPES = [
  'technical',
  'organisational',
  'workshop',
  'penetration_test',
  'training',
] as const;
export const MEASURE_STATUSES = ['proposed', 'agreed', 'in_progress', 'done', 'verified'] as const;

export const PRIORITY_RULE =
  'Priorität 1 (höchste) bis 4 aus Stufe und Aufwand der Anforderung: basis → 1, standard (oder ohne Stufe) → 2, elevated → 3; hoher Aufwand +1 (höchstens 4). Zusammengeführte Maßnahmen erhalten die höchste Priorität ihrer Quellen.';
export const STATUS_RULE =
  'proposed → agreed → in_progress → done → verified, jeweils ein Schritt vorwärts; zurück nur von done nach in_progress (Nacharbeit). verified setzen nur der zugewiesene Prüfer, das Ministerium (programme_manager) oder admin; die übrigen Schritte auch das ISB der Kommune.';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'kein gültiges Datum');

export const MeasureSourceSchema = z.object({
  kind: z.enum(['requirement', 'template', 'finding']),
  id: z.string(),
  key: z.string(),
  /** Scan findings only: fixed or risk-accepted since (the measure itself stays). */
  resolvedAt: z.string().optional(),
  resolution: z.enum(['fixed', 'accepted']).optional(),
});

/** Per measure: edit its fields, change its status (targets in allowedStatusTargets), set it verified. */
export const MEASURE_ACTIONS = ['edit', 'change_status', 'verify'] as const;
export type MeasureAction = (typeof MEASURE_ACTIONS)[number];
/** Per package: deliver the next version of its assessment's measures. */
export const PACKAGE_ACTIONS = ['deliver'] as const;
export type PackageAction = (typeof PACKAGE_ACTIONS)[number];
/** Per assessment (on a list filtered by assessmentId): generate, add by hand, deliver a package. */
export const ASSESSMENT_MEASURE_ACTIONS = ['generate', 'create', 'deliver'] as const;
export type AssessmentMeasureAction = (typeof ASSESSMENT_MEASURE_ACTIONS)[number];

/** A measure's own fields; a delivered package freezes exactly these. */
export const MeasureFieldsSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  packageId: z.uuid().nullable(),
  sources: z.array(MeasureSourceSchema),
  type: z.enum(MEASURE_TYPES),
  title: z.string(),
  description: z.string().nullable(),
  priority: z.number().int().min(1).max(4),
  owner: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  costEstimateCents: z.number().int().nullable(),
  fundingStage: z.union([z.literal(1), z.literal(2)]).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MeasureFieldsDto = z.infer<typeof MeasureFieldsSchema>;

export const MeasureSchema = MeasureFieldsSchema.extend({
  allowedActions: z
    .array(z.enum(MEASURE_ACTIONS))
    .describe('what the caller may do with the measure now (from the policy and the status)'),
  allowedStatusTargets: z
    .array(z.enum(MEASURE_STATUSES))
    .describe('the statuses the caller may set now (POST /measures/{id}/status)'),
});
export type MeasureDto = z.infer<typeof MeasureSchema>;

export const MeasureListSchema = z.object({
  items: z.array(MeasureSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  assessmentActions: z
    .array(z.enum(ASSESSMENT_MEASURE_ACTIONS))
    .optional()
    .describe(
      'only with assessmentId: what the caller may do with that assessment’s measures (generate, create by hand, deliver a package)',
    ),
});

export const GenerateResultSchema = z.object({
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  created: z.number().int(),
  kept: z.number().int(),
  priorityRule: z.string(),
  items: z.array(MeasureSchema),
});

export const MeasureHistorySchema = z.object({
  organisationId: z.uuid(),
  measureId: z.uuid(),
  items: z.array(
    z.object({
      kind: z.enum(['created', 'status', 'fields']),
      previous: z.record(z.string(), z.unknown()).nullable(),
      next: z.record(z.string(), z.unknown()),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
});

export const MeasureParams = z.strictObject({ id: z.uuid() });

export const MeasureListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  assessmentId: z.uuid().optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  type: z.enum(MEASURE_TYPES).optional(),
  priority: z.coerce.number().int().min(1).max(4).optional(),
  ...PaginationQuery,
});
export type MeasureListFilter = z.infer<typeof MeasureListQuery>;

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

export const MeasurePatchBody = z
  .strictObject({
    type: z.enum(MEASURE_TYPES).optional(),
    title: z.string().trim().min(1).max(500).optional(),
    description: nullableText(20_000),
    priority: z.number().int().min(1).max(4).optional(),
    owner: nullableText(200).describe('free text or a user id'),
    dueDate: isoDate.nullable().optional(),
    costEstimateCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    fundingStage: z
      .union([z.literal(1), z.literal(2)])
      .nullable()
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Mindestens ein Feld ändern.' });
export type MeasurePatchInput = z.infer<typeof MeasurePatchBody>;

/** A measure added by hand (no source requirement): priority 2 unless given. */
export const MeasureCreateBody = z.strictObject({
  type: z.enum(MEASURE_TYPES),
  title: z.string().trim().min(1).max(500),
  description: nullableText(20_000),
  priority: z.number().int().min(1).max(4).default(2),
  owner: nullableText(200).describe('free text or a user id'),
  dueDate: isoDate.nullable().optional(),
  costEstimateCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  fundingStage: z
    .union([z.literal(1), z.literal(2)])
    .nullable()
    .optional(),
});
export type MeasureCreateInput = z.infer<typeof MeasureCreateBody>;

export const StatusBody = z.strictObject({
  status: z.enum(MEASURE_STATUSES),
  note: z.string().trim().max(2_000).optional(),
});
export type StatusInput = z.infer<typeof StatusBody>;

export const PackageSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  assessmentId: z.uuid(),
  version: z.number().int(),
  status: z.enum(['draft', 'delivered']),
  deliveredAt: z.string().nullable(),
  deliveredBy: z.string().nullable(),
  measureCount: z.number().int(),
  allowedActions: z
    .array(z.enum(PACKAGE_ACTIONS))
    .describe('deliver: the caller may deliver the next version of this assessment’s package'),
});
export type PackageDto = z.infer<typeof PackageSchema>;
/** The measures as frozen at delivery: no allowedActions (a snapshot is not worked on). */
export const PackageDetailSchema = PackageSchema.extend({ measures: z.array(MeasureFieldsSchema) });
export const PackageListSchema = z.object({ items: z.array(PackageSchema), total: z.number().int() });
export const PackageListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  assessmentId: z.uuid().optional(),
});
export const AssessmentParams = z.strictObject({ id: z.uuid() });
