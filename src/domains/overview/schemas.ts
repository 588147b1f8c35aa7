import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';
import { PHASES, SCORE_FORMULA, STATUSES } from '../assessments/schemas.ts';

/** Kommunen with fewer assessed members than this in a group get no figures (observer aggregates). */
export const MIN_GROUP_SIZE = 5;

export const OVERVIEW_RULES =
  `Je Kommune zählt die jüngste Bewertung des Katalogs (zuletzt angelegt, jede Phase und jeder Status). ${SCORE_FORMULA} ` +
  'Mittelwerte über Kommunen sind ungewichtete Mittel der Kommunen-Werte (jede Kommune zählt gleich). ' +
  'Maßnahmen: die des zuletzt ausgelieferten Pakets (Maßnahmen seiner Bewertung), sonst die der jüngsten Bewertung; ' +
  'shareDone = (done + verified) / total.';

export const STATUS_FILTER = [...STATUSES, 'none'] as const;
export const SORT_KEYS = ['name', 'score', 'status', 'district'] as const;

const catalogId = z
  .uuid('Katalog-ID muss eine UUID sein')
  .optional()
  .describe('default: the newest version of the built-in Bastei-Basis');

export const MunicipalitiesQuery = z.strictObject({
  catalogId,
  districtId: z.uuid('Kreis-ID muss eine UUID sein').optional().describe('only Kommunen of this district'),
  status: z
    .enum(STATUS_FILTER)
    .optional()
    .describe('status of the latest assessment; none: Kommunen without an assessment'),
  sort: z.enum(SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc').describe('empty values (no score, no district) come last'),
  ...PaginationQuery,
});
export type MunicipalitiesFilter = z.infer<typeof MunicipalitiesQuery>;

export const TopicsQuery = z.strictObject({
  catalogId,
  districtId: z.uuid('Kreis-ID muss eine UUID sein').optional(),
  status: z.enum(STATUSES).optional().describe('only Kommunen whose latest assessment has this status'),
});
export type TopicsFilter = z.infer<typeof TopicsQuery>;

export const AggregatesQuery = z.strictObject({
  catalogId,
  status: z.enum(STATUSES).optional().describe('only Kommunen whose latest assessment has this status'),
});
export type AggregatesFilter = z.infer<typeof AggregatesQuery>;

const CatalogRef = z.object({ id: z.uuid(), key: z.string(), version: z.string(), title: z.string() });
const TopicRef = z.object({ key: z.string(), title: z.string() });

export const MunicipalityOverviewSchema = z.object({
  organisationId: z.uuid(),
  ars: z.string().nullable(),
  name: z.string(),
  type: z.string(),
  subtype: z.string().nullable(),
  population: z.number().int().nullable(),
  district: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  assessment: z
    .object({
      id: z.uuid(),
      phase: z.enum(PHASES),
      status: z.enum(STATUSES),
      updatedAt: z.string(),
      answered: z.number().int(),
      total: z.number().int(),
    })
    .nullable(),
  score: z
    .object({
      overall: z.number().nullable(),
      topics: z.array(
        z.object({
          key: z.string(),
          score: z.number().nullable(),
          answered: z.number().int(),
          total: z.number().int(),
        }),
      ),
    })
    .nullable(),
  measures: z
    .object({
      packageId: z.uuid().nullable(),
      packageVersion: z.number().int().nullable(),
      deliveredAt: z.string().nullable(),
      total: z.number().int(),
      done: z.number().int(),
      verified: z.number().int(),
      shareDone: z.number().nullable(),
    })
    .nullable(),
});
export type MunicipalityOverviewDto = z.infer<typeof MunicipalityOverviewSchema>;

export const MunicipalitiesResponse = z.object({
  catalog: CatalogRef,
  rules: z.string(),
  topics: z.array(TopicRef),
  items: z.array(MunicipalityOverviewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const Distribution = z.object({
  /** Kommunen with a score (something applicable). */
  scored: z.number().int(),
  /** Kommunen with an assessment but nothing applicable in this topic. */
  noScore: z.number().int(),
  buckets: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  mean: z.number().nullable(),
  median: z.number().nullable(),
});

export const TopicsResponse = z.object({
  catalog: CatalogRef,
  rules: z.string(),
  kommunen: z.number().int().describe('Kommunen in scope (after filters)'),
  assessed: z.number().int().describe('of them with an assessment of the catalog'),
  overall: Distribution,
  items: z.array(TopicRef.extend(Distribution.shape)),
});

const GroupFigures = z.object({
  kommunen: z.number().int(),
  assessed: z.number().int(),
  meanScore: z.number().nullable(),
  topics: z.array(z.object({ key: z.string(), meanScore: z.number().nullable(), suppressed: z.boolean() })),
});

export const AggregateGroupSchema = z.object({
  state: z.object({ id: z.uuid(), ars: z.string().nullable(), name: z.string() }).nullable(),
  dimension: z.enum(['total', 'state', 'type', 'size']),
  key: z.string(),
  label: z.string(),
  suppressed: z.boolean(),
  figures: GroupFigures.nullable(),
});
export type AggregateGroupDto = z.infer<typeof AggregateGroupSchema>;

export const AggregatesResponse = z.object({
  catalog: CatalogRef,
  rules: z.string(),
  minGroupSize: z.number().int(),
  topics: z.array(TopicRef),
  groups: z.array(AggregateGroupSchema),
});
