import { z } from 'zod';

export const AuditListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  resourceType: z.string().max(60).optional(),
  beforeId: z.coerce.number().int().positive().optional().describe('cursor: entries with a smaller id'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditListFilter = z.infer<typeof AuditListQuery>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  occurredAt: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const AuditListSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextBeforeId: z.number().int().nullable(),
});

export const ChainVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ id: z.number().int(), reason: z.string() }).optional(),
});
