import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';

export const ORGANISATION_TYPES = [
  'federal',
  'state',
  'district',
  'municipality',
  'provider',
  'cert',
] as const;

export const OrganisationSchema = z.object({
  id: z.uuid(),
  /** Same as id: every tenant-owned resource names its organisation the same way. */
  organisationId: z.uuid(),
  type: z.enum(ORGANISATION_TYPES),
  subtype: z.string().nullable(),
  ars: z.string().nullable().describe('Amtlicher Regionalschlüssel, 12 Ziffern'),
  name: z.string(),
  shortName: z.string(),
  parentId: z.uuid().nullable(),
  population: z.number().int().nullable(),
  areaHa: z.number().int().nullable(),
});
export type OrganisationDto = z.infer<typeof OrganisationSchema>;

export const OrganisationListQuery = z.strictObject({
  type: z.enum(ORGANISATION_TYPES).optional(),
  parent: z.uuid().optional().describe('only direct children of this organisation'),
  q: z.string().trim().min(1).max(100).optional().describe('name contains (case-insensitive)'),
  ...PaginationQuery,
});
export type OrganisationListFilter = z.infer<typeof OrganisationListQuery>;

export const OrganisationListSchema = z.object({
  items: z.array(OrganisationSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const CreateOrganisationBody = z.strictObject({
  type: z.enum(['provider', 'cert', 'federal']),
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().min(1).max(100).optional(),
  parentId: z.uuid().nullable().optional(),
});
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationBody>;

export const BoundaryQuery = z.strictObject({
  type: z.enum(ORGANISATION_TYPES).optional().describe('only organisations of this type'),
  within: z.uuid().optional().describe('only this organisation and its subtree'),
});

export const BoundaryCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    attributions: z.array(z.string()).describe("attribution texts the boundaries' licences require"),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.uuid(),
        properties: z.object({
          organisationId: z.uuid(),
          ars: z.string().nullable(),
          name: z.string(),
          type: z.enum(ORGANISATION_TYPES),
        }),
        // validated on import; not re-validated point by point on every read
        geometry: z.unknown().describe('GeoJSON Polygon or MultiPolygon, WGS84'),
      }),
    ),
  })
  .describe('GeoJSON FeatureCollection (RFC 7946) of organisation boundaries');
