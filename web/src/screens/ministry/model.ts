/** The overview API's answers (src/domains/overview/schemas.ts), as the ministry screens read them. */

export const STATUSES = ['draft', 'submitted', 'verified', 'frozen'] as const;
export type AssessmentStatus = (typeof STATUSES)[number];
export const STATUS_FILTER = [...STATUSES, 'none'] as const;
export const SORT_KEYS = ['name', 'score', 'status', 'district'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CatalogRef {
  id: string;
  key: string;
  version: string;
  title: string;
}

export interface TopicRef {
  key: string;
  title: string;
}

export interface MunicipalityOverview {
  organisationId: string;
  ars: string | null;
  name: string;
  type: string;
  subtype: string | null;
  population: number | null;
  district: { id: string; name: string } | null;
  assessment: {
    id: string;
    phase: 'self' | 'on_site' | 're_assessment';
    status: AssessmentStatus;
    updatedAt: string;
    answered: number;
    total: number;
  } | null;
  score: {
    overall: number | null;
    topics: { key: string; score: number | null; answered: number; total: number }[];
  } | null;
  measures: {
    packageId: string | null;
    packageVersion: number | null;
    deliveredAt: string | null;
    total: number;
    done: number;
    verified: number;
    shareDone: number | null;
  } | null;
}

export interface MunicipalitiesPage {
  catalog: CatalogRef;
  rules: string;
  topics: TopicRef[];
  items: MunicipalityOverview[];
  total: number;
  limit: number;
  offset: number;
}

export interface Distribution {
  scored: number;
  noScore: number;
  buckets: { from: number; to: number; count: number }[];
  mean: number | null;
  median: number | null;
}

export interface TopicsAnswer {
  catalog: CatalogRef;
  rules: string;
  kommunen: number;
  assessed: number;
  overall: Distribution;
  items: (TopicRef & Distribution)[];
}

export interface AggregateGroup {
  state: { id: string; ars: string | null; name: string } | null;
  dimension: 'total' | 'state' | 'type' | 'size';
  key: string;
  label: string;
  suppressed: boolean;
  figures: {
    kommunen: number;
    assessed: number;
    meanScore: number | null;
    topics: { key: string; meanScore: number | null; suppressed: boolean }[];
  } | null;
}

export interface AggregatesAnswer {
  catalog: CatalogRef;
  rules: string;
  minGroupSize: number;
  topics: TopicRef[];
  groups: AggregateGroup[];
}

/** The largest page the overview API gives (its `limit` maximum). */
export const MAX_LIMIT = 500;

/** Where a Kommune's read-only page lives. */
export const kommunePath = (organisationId: string) => `/land/kommunen/${organisationId}`;
