/** The measures API's shapes (src/domains/measures/schemas.ts is the truth). */
export const MEASURE_TYPES = [
  'technical',
  'organisational',
  'workshop',
  'penetration_test',
  'training',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];
export const MEASURE_STATUSES = ['proposed', 'agreed', 'in_progress', 'done', 'verified'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const PRIORITIES = ['1', '2', '3', '4'] as const;

/** What the caller may do, as the server computes it from the policy and the status. */
export type MeasureAction = 'edit' | 'change_status' | 'verify';
export type PackageAction = 'deliver';
export type AssessmentMeasureAction = 'generate' | 'create' | 'deliver';

/** A measure as frozen into a delivered package (no actions: a snapshot is not worked on). */
export interface MeasureFields {
  id: string;
  organisationId: string;
  assessmentId: string;
  packageId: string | null;
  sources: { kind: 'requirement' | 'template' | 'finding'; id: string; key: string }[];
  type: MeasureType;
  title: string;
  description: string | null;
  priority: number;
  owner: string | null;
  dueDate: string | null;
  status: MeasureStatus;
  costEstimateCents: number | null;
  fundingStage: 1 | 2 | null;
  createdAt: string;
  updatedAt: string;
}

export interface Measure extends MeasureFields {
  allowedActions: MeasureAction[];
  /** The statuses the caller may set now. */
  allowedStatusTargets: MeasureStatus[];
}

/** GET /measures; with assessmentId also what the caller may do with that assessment's measures. */
export interface MeasurePage {
  items: Measure[];
  total: number;
  limit: number;
  offset: number;
  assessmentActions?: AssessmentMeasureAction[];
}

export interface MeasurePackage {
  id: string;
  organisationId: string;
  assessmentId: string;
  version: number;
  status: 'draft' | 'delivered';
  deliveredAt: string | null;
  deliveredBy: string | null;
  measureCount: number;
  allowedActions: PackageAction[];
}

export interface MeasureHistory {
  items: {
    kind: 'created' | 'status' | 'fields';
    previous: Record<string, unknown> | null;
    next: Record<string, unknown>;
    changedBy: string;
    changedAt: string;
  }[];
}

export const xlsxUrl = (packageId: string) => `/api/v1/measure-packages/${packageId}/export.xlsx`;
export const poamUrl = (packageId: string) => `/api/v1/measure-packages/${packageId}/poam`;
