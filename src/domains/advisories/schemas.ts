import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';
import { TLP_LABELS } from '../../platform/tlp/tlp.ts';

export const TlpSchema = z.enum(TLP_LABELS);
const iso = z.string();

export const AdvisoryParams = z.strictObject({ id: z.uuid() });

export const ImportQuery = z.strictObject({
  organisationId: z.uuid().optional().describe('the owning CERT (admin, or a user of several CERTs)'),
  namedRecipientUserIds: z
    .union([z.uuid(), z.array(z.uuid()).max(50)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .describe('TLP:RED: further people named as recipients (the importing user always is)'),
});

export const AdvisorySchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid().describe('the owning CERT'),
  documentKey: z.string(),
  publisherName: z.string(),
  publisherNamespace: z.string(),
  trackingId: z.string(),
  version: z.string(),
  trackingStatus: z.enum(['draft', 'interim', 'final']),
  initialReleaseDate: z.string().nullable(),
  currentReleaseDate: z.string().nullable(),
  category: z.string(),
  title: z.string(),
  language: z.string().nullable(),
  tlp: z.object({
    label: TlpSchema,
    source: z.enum(['document', 'distribution-text', 'default']),
    csafLabel: z.string().nullable(),
  }),
  cves: z.array(z.string()),
  maxBaseScore: z.number().nullable(),
  sha512: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  isCurrent: z.boolean(),
  importedAt: iso,
  importedBy: z.string(),
  matchedAt: z.string().nullable(),
});
export type AdvisoryDto = z.infer<typeof AdvisorySchema>;

const ClassSchema = z.enum(['confirmed', 'probable', 'review']);

export const AdvisoryDetailSchema = AdvisorySchema.extend({
  matchSummary: z
    .array(
      z.object({
        class: ClassSchema,
        reviewDecision: z.enum(['confirmed', 'dismissed']).nullable(),
        matches: z.number().int(),
        organisations: z.number().int(),
      }),
    )
    .nullable()
    .describe('only for the CERT (advisory.read)'),
  revisions: z.array(
    z.object({
      id: z.uuid(),
      version: z.string(),
      trackingStatus: z.string(),
      isCurrent: z.boolean(),
      importedAt: iso,
    }),
  ),
});

const CountsSchema = z.object({
  confirmed: z.number().int(),
  probable: z.number().int(),
  review: z.number().int(),
  organisations: z.number().int(),
});

export const ImportResultSchema = z.object({
  created: z.boolean(),
  current: z.boolean(),
  supersededId: z.uuid().nullable(),
  matches: CountsSchema,
  advisory: AdvisorySchema,
  warnings: z.array(z.object({ pointer: z.string(), message: z.string(), test: z.string() })),
});

const list = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });

export const AdvisoryListSchema = list(AdvisorySchema);

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const AdvisoryListQuery = z.strictObject({
  current: booleanQuery.optional(),
  documentKey: z.string().max(1200).optional(),
  q: z.string().min(1).max(200).optional(),
  tlp: TlpSchema.optional(),
  ...PaginationQuery,
});
export const PublicAdvisoryListQuery = z.strictObject({
  q: z.string().min(1).max(200).optional(),
  ...PaginationQuery,
});

export const MatchSchema = z.object({
  id: z.uuid(),
  advisoryId: z.uuid(),
  organisationId: z.uuid().describe('the Kommune owning the installed product'),
  organisationName: z.string(),
  installedProductId: z.uuid(),
  installedProduct: z.object({ vendor: z.string().nullable(), product: z.string() }),
  productId: z.string(),
  class: ClassSchema,
  basis: z.string(),
  reasons: z.array(z.string()),
  installedVersion: z.string().nullable(),
  advisoryVersion: z.string().nullable(),
  cves: z.array(z.string()),
  maxBaseScore: z.number().nullable(),
  review: z
    .object({
      decision: z.enum(['confirmed', 'dismissed']),
      note: z.string().nullable(),
      reviewedAt: iso,
    })
    .nullable(),
});
export type MatchDto = z.infer<typeof MatchSchema>;
export const MatchListSchema = list(MatchSchema);
export const MatchListQuery = z.strictObject({
  advisoryId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  class: ClassSchema.optional(),
  queue: z
    .literal('review')
    .optional()
    .describe('review: matches in class review without a decision, of current advisories'),
  ...PaginationQuery,
});

export const ReviewBody = z.strictObject({
  decision: z.enum(['confirmed', 'dismissed']),
  note: z.string().trim().max(2000).optional(),
});
export type ReviewInput = z.infer<typeof ReviewBody>;

const spelling = z.string().trim().min(1).max(500);
export const AliasBody = z.strictObject({
  organisationId: z.uuid().optional().describe('the CERT (admin, or a user of several CERTs)'),
  key: z.string().trim().min(1).max(200).describe('canonical id, e.g. apache:http_server'),
  label: z.string().trim().min(1).max(200).optional(),
  cpes: z.array(spelling).max(100).optional(),
  purls: z.array(spelling).max(100).optional(),
  names: z.array(spelling).max(100).optional(),
});
export type AliasInput = Omit<z.infer<typeof AliasBody>, 'organisationId'>;
export const AliasSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  key: z.string(),
  label: z.string().nullable(),
  cpes: z.array(z.string()),
  purls: z.array(z.string()),
  names: z.array(z.string()),
  updatedAt: iso,
});
export const AliasSaveResultSchema = AliasSchema.extend({ rematchedAdvisories: z.number().int() });
export const AliasListSchema = z.object({ items: z.array(AliasSchema) });
export const AliasListQuery = z.strictObject({ organisationId: z.uuid().optional() });

// --- warnings --------------------------------------------------------------------------------------

export const AudienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('matched'),
    classes: z
      .array(ClassSchema)
      .min(1)
      .optional()
      .describe('default confirmed and probable; review matches the CERT confirmed always count'),
  }),
  z.strictObject({ kind: z.literal('organisations'), organisationIds: z.array(z.uuid()).min(1).max(500) }),
  z.strictObject({ kind: z.literal('district'), organisationId: z.uuid() }),
  z.strictObject({ kind: z.literal('state') }),
  z.strictObject({
    kind: z.literal('users'),
    userIds: z.array(z.uuid()).min(1).max(50).describe('TLP:RED: the named individual recipients'),
  }),
]);
export type Audience = z.infer<typeof AudienceSchema>;

export const PublishBody = z.strictObject({
  audience: AudienceSchema,
  title: z.string().trim().min(1).max(500).optional(),
  message: z.string().trim().max(10_000).optional(),
  tlp: TlpSchema.optional().describe('a stricter label than the advisory’s (never a looser one)'),
});
export type PublishInput = z.infer<typeof PublishBody>;

export const STATEMENTS = ['affected', 'not_affected', 'mitigated'] as const;

export const RecipientSchema = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  acknowledgedAt: z.string().nullable(),
  status: z.enum(STATEMENTS).nullable(),
  note: z.string().nullable(),
  respondedAt: z.string().nullable(),
});
export const ProgressSchema = z.object({
  recipients: z.number().int(),
  acknowledged: z.number().int(),
  responded: z.number().int(),
  affected: z.number().int(),
  notAffected: z.number().int(),
  mitigated: z.number().int(),
});

export const WarningSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid().describe('the publishing CERT'),
  advisoryId: z.uuid(),
  documentKey: z.string(),
  title: z.string(),
  message: z.string().nullable(),
  tlp: TlpSchema,
  audience: z.record(z.string(), z.unknown()),
  publishedAt: iso,
  publishedBy: z.string(),
  recipients: z.array(RecipientSchema).describe('the CERT sees all, a Kommune its own'),
  progress: ProgressSchema.nullable().describe('acknowledgement progress (CERT only)'),
});
export const WarningDetailSchema = WarningSchema.extend({
  matches: z.array(MatchSchema).describe('the installed products concerned, of the Kommunen the caller sees'),
});
export const WarningListSchema = list(WarningSchema);
export const WarningListQuery = z.strictObject({
  advisoryId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  open: booleanQuery.optional().describe('only warnings not yet acknowledged by that Kommune'),
  ...PaginationQuery,
});
export const WarningParams = z.strictObject({ id: z.uuid() });

export const AcknowledgeBody = z.strictObject({
  organisationId: z.uuid().optional().describe('the Kommune, when the caller answers for several'),
});
export const RespondBody = z.strictObject({
  organisationId: z.uuid().optional(),
  status: z.enum(STATEMENTS),
  note: z.string().trim().max(5000).optional(),
});
export type RespondInput = z.infer<typeof RespondBody>;

export const VexQuery = z.strictObject({ organisationId: z.uuid().optional() });

export const DistributionEntrySchema = z.object({
  id: z.number().int(),
  warningId: z.uuid(),
  advisoryId: z.uuid(),
  organisationId: z.uuid().nullable().describe('the receiving Kommune'),
  userId: z.uuid().nullable(),
  channel: z.enum(['platform', 'email', 'webhook']),
  recipient: z.string(),
  tlp: TlpSchema,
  basis: z.string(),
  event: z.enum(['published', 'delivered', 'failed']),
  detail: z.string().nullable(),
  occurredAt: iso,
});
export const DistributionLogSchema = z.object({
  organisationId: z.uuid().describe('the publishing CERT'),
  warningId: z.uuid(),
  items: z.array(DistributionEntrySchema),
});
