import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';

export const CATALOG_SOURCES = ['builtin', 'oscal-catalog', 'oscal-profile'] as const;
export const LEVELS = ['basis', 'standard', 'elevated'] as const;
export const EFFORTS = ['low', 'medium', 'high'] as const;
export const MEASURE_TYPES = [
  'technical',
  'organisational',
  'workshop',
  'penetration_test',
  'training',
] as const;

export const CatalogKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lower-case letters, digits, ".", "-", "_" (at most 100)')
  .describe('stable name of the catalog across versions, e.g. bastei-basis');

const Lang = z
  .enum(['de', 'en'])
  .default('de')
  .describe('language of titles and texts (en falls back to de)');

/** Catalogs are programme-wide reference data: no organisationId (not tenant-owned). */
export const CatalogSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  version: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  source: z.enum(CATALOG_SOURCES),
  oscalUuid: z.string().nullable(),
  oscalVersion: z.string().nullable(),
  lastModified: z.string().nullable(),
  groupCount: z.number().int(),
  requirementCount: z.number().int(),
  createdAt: z.string(),
});
export type CatalogDto = z.infer<typeof CatalogSchema>;

export const CatalogListQuery = z.strictObject({
  source: z.enum(CATALOG_SOURCES).optional(),
  key: CatalogKey.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('title contains (case-insensitive)'),
  ...PaginationQuery,
});
export type CatalogListFilter = z.infer<typeof CatalogListQuery>;

export const CatalogListSchema = z.object({
  items: z.array(CatalogSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const CatalogGroupSchema = z.object({
  id: z.uuid(),
  key: z.string().nullable().describe('OSCAL group id (topic id for Bastei-Basis)'),
  parentId: z.uuid().nullable(),
  title: z.string(),
  position: z.number().int().describe('position among its siblings'),
  depth: z.number().int(),
  requirementCount: z.number().int().describe('requirements directly in this group, nested ones included'),
});
export type CatalogGroupDto = z.infer<typeof CatalogGroupSchema>;

export const MeasureTemplateSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  type: z.enum(MEASURE_TYPES),
  title: z.string(),
  description: z.string().nullable(),
});
export type MeasureTemplateDto = z.infer<typeof MeasureTemplateSchema>;

export const RequirementSchema = z.object({
  id: z.uuid(),
  catalogId: z.uuid(),
  key: z.string().describe('control id, e.g. BB-DSI-03 or ASST.1.1.2'),
  groupId: z.uuid().nullable(),
  parentId: z.uuid().nullable().describe('enclosing requirement of a nested control'),
  position: z.number().int(),
  depth: z.number().int(),
  title: z.string(),
  statement: z.string().nullable(),
  guidance: z.string().nullable(),
  level: z.enum(LEVELS).nullable(),
  levelRaw: z.string().nullable().describe('level as the source states it, e.g. BSI sec_level "erhöht"'),
  effort: z.enum(EFFORTS).nullable(),
  effortRaw: z.string().nullable().describe('effort as the source states it, e.g. BSI effort_level "3"'),
  modalVerb: z.string().nullable(),
  references: z
    .record(z.string(), z.array(z.string()))
    .describe('itGrundschutz, grundschutzPlusPlus, related, altIdentifiers: ids'),
  measureTemplates: z.array(MeasureTemplateSchema),
});
export type RequirementDto = z.infer<typeof RequirementSchema>;

export const CatalogQuery = z.strictObject({ lang: Lang });
export type CatalogQueryInput = z.infer<typeof CatalogQuery>;

export const CatalogDetailSchema = CatalogSchema.extend({
  lang: z.enum(['de', 'en']),
  groups: z
    .array(CatalogGroupSchema)
    .describe('the group tree in document order (pre-order); parentId links a group to its parent'),
  requirements: z
    .array(RequirementSchema)
    .describe('all requirements in document order; groupId and parentId place them in the tree'),
});

export const RequirementListQuery = z.strictObject({
  group: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('group id (uuid) or key; requirements of its sub-groups are included'),
  level: z.enum(LEVELS).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('key or title contains (case-insensitive)'),
  lang: Lang,
  ...PaginationQuery,
});
export type RequirementListFilter = z.infer<typeof RequirementListQuery>;

export const RequirementListSchema = z.object({
  items: z.array(RequirementSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const OscalDocument = z
  .record(z.string(), z.unknown())
  .describe('an OSCAL 1.x JSON document: {"catalog": …}, {"profile": …} or {"mapping-collection": …}');

export const WithDocument = z.union([
  z.strictObject({
    href: z
      .string()
      .min(1)
      .max(1000)
      .describe('import href (or its file name) of the profile that this document stands for'),
    document: OscalDocument,
  }),
  OscalDocument,
]);

export const ImportEnvelope = z.strictObject({
  document: OscalDocument,
  with: z
    .array(WithDocument)
    .max(20)
    .optional()
    .describe('catalogs (or profiles) the profile imports; matched by href, file name or title'),
  key: CatalogKey.optional().describe('default: derived from the title'),
});
export type ImportEnvelopeInput = z.infer<typeof ImportEnvelope>;

export const ImportCatalogBody = z
  .union([ImportEnvelope, OscalDocument])
  .describe('an OSCAL document, or {document, with, key} for a profile with the catalogs it imports');

export const ImportResultSchema = z.object({
  kind: z.enum(['catalog', 'profile', 'mapping-collection']),
  catalogId: z.uuid().nullable().describe('null for a mapping collection'),
  key: z.string(),
  version: z.string(),
  title: z.string(),
  groups: z.number().int(),
  controls: z.number().int(),
  measureTemplates: z.number().int(),
  crossReferences: z.number().int(),
  validation: z.enum(['json-schema', 'structural']),
  warnings: z.array(z.object({ code: z.string(), pointer: z.string(), message: z.string() })),
});
export type ImportResultDto = z.infer<typeof ImportResultSchema>;

export const OscalExportSchema = z
  .record(z.string(), z.unknown())
  .describe('OSCAL 1.1.3 catalog document (JSON), as a download');
