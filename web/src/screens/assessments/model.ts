/** The assessment API's shapes as the UI uses them (src/domains/assessments/schemas.ts is the truth). */
import { api, type Page } from '../../api.ts';

export const ANSWER_VALUES = ['yes', 'partial', 'no', 'not_applicable', 'open'] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];
export type AssessmentStatus = 'draft' | 'submitted' | 'verified' | 'frozen';
export const STATUS_ORDER: readonly AssessmentStatus[] = ['draft', 'submitted', 'verified', 'frozen'];
export type Phase = 'self' | 'on_site' | 're_assessment';
export type Action = 'answer' | 'submit' | 'override' | 'record_sample' | 'verify' | 'freeze' | 'next_phase';
export const SAMPLE_RESULTS = ['passed', 'failed', 'inconclusive'] as const;
export type SampleResult = (typeof SAMPLE_RESULTS)[number];

export interface PersonRef {
  id: string;
  name: string;
}

export interface Topic {
  id: string | null;
  key: string;
  title: string;
}

export interface TopicProgress {
  topic: Topic;
  answered: number;
  total: number;
}

export interface Assessment {
  id: string;
  organisationId: string;
  organisationName: string;
  catalog: { id: string; key: string; version: string; title: string };
  title: string;
  phase: Phase;
  status: AssessmentStatus;
  predecessorId: string | null;
  requirementCount: number;
  progress: { answered: number; total: number; topics?: TopicProgress[] };
  createdBy: PersonRef | null;
  createdAt: string;
  submittedAt: string | null;
  submittedBy: PersonRef | null;
  verifiedAt: string | null;
  verifiedBy: PersonRef | null;
  frozenAt: string | null;
  snapshotSha256: string | null;
  allowedActions: Action[];
}

export interface Evidence {
  id: string;
  organisationId: string;
  assessmentId: string;
  requirementId: string;
  requirementKey: string;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  uploadedBy: PersonRef | null;
  uploadedAt: string;
}

export interface Answer {
  organisationId: string;
  assessmentId: string;
  requirementId: string;
  requirementKey: string;
  topicId: string | null;
  status: AnswerValue;
  justification: string | null;
  responsible: string | null;
  answeredBy: PersonRef | null;
  answeredAt: string | null;
  auditorStatus: AnswerValue | null;
  auditorNote: string | null;
  overriddenBy: PersonRef | null;
  overriddenAt: string | null;
  effectiveStatus: AnswerValue;
}

export interface AnswerWithRequirement extends Answer {
  requirement: {
    title: string;
    titleEn: string | null;
    statement: string | null;
    guidance: string | null;
    level: 'basis' | 'standard' | 'elevated' | null;
    effort: 'low' | 'medium' | 'high' | null;
  };
  evidence: Evidence[];
}

export interface AnswersByTopic {
  organisationId: string;
  assessmentId: string;
  topics: (TopicProgress & { answers: AnswerWithRequirement[] })[];
}

export interface HistoryValue {
  status?: AnswerValue;
  justification?: string | null;
  responsible?: string | null;
  auditorStatus?: AnswerValue | null;
  auditorNote?: string | null;
}

export interface AnswerHistory {
  items: {
    id: number;
    kind: 'answer' | 'override';
    previous: HistoryValue | null;
    next: HistoryValue;
    changedBy: { id: string | null; name: string };
    changedAt: string;
  }[];
}

export interface Sample {
  id: string;
  requirementId: string;
  requirementKey: string;
  description: string;
  result: SampleResult;
  recordedBy: PersonRef | null;
  recordedAt: string;
}

export interface ScoreFields {
  counts: Record<AnswerValue, number>;
  total: number;
  applicable: number;
  fulfilled: number;
  score: number | null;
}

export interface Scores {
  overall: ScoreFields;
  topics: ({ topic: Topic } & ScoreFields)[];
}

export interface Catalog {
  id: string;
  key: string;
  version: string;
  title: string;
  titleEn: string | null;
  requirementCount: number;
}

/** Newest first: the one to work on is the newest that is not frozen, else the newest frozen one. */
export function currentAssessment(items: Assessment[], organisationId?: string): Assessment | undefined {
  const own = items
    .filter((a) => !organisationId || a.organisationId === organisationId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return own.find((a) => a.status !== 'frozen') ?? own[0];
}

export const listAssessments = (organisationId?: string) =>
  api.get<Page<Assessment>>(
    `/assessments?limit=200${organisationId ? `&organisationId=${organisationId}` : ''}`,
  );

/** URL of a topic's questions; topics are addressed by their key (readable, stable across reloads). */
export const topicPath = (assessmentId: string, topicKey: string) =>
  `/bewertungen/${assessmentId}/themen/${encodeURIComponent(topicKey)}`;

/** Which phase may follow which (src/domains/assessments/lifecycle.ts NEXT_PHASES): a phase never goes back. */
export const NEXT_PHASES: Record<Phase, readonly Exclude<Phase, 'self'>[]> = {
  self: ['on_site', 're_assessment'],
  on_site: ['re_assessment'],
  re_assessment: ['re_assessment'],
};

export const CHANGE_KINDS = [
  'improved',
  'worsened',
  'applicability_changed',
  'added',
  'removed',
  'unchanged',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeSummary = Record<ChangeKind, number>;

export interface ComparedSide {
  assessmentId: string;
  organisationId: string;
  phase: Phase;
  status: AssessmentStatus;
  frozenAt: string | null;
  catalog: { key: string; version: string };
  score: number | null;
}

/** GET /assessments/{id}/compare/{baseId}: the target against the base, per requirement. */
export interface Comparison {
  organisationId: string;
  base: ComparedSide;
  target: ComparedSide;
  summary: ChangeSummary;
  topics: {
    key: string;
    title: string;
    baseScore: number | null;
    targetScore: number | null;
    summary: ChangeSummary;
  }[];
  changes: {
    requirementKey: string;
    topicKey: string;
    base: AnswerValue | null;
    target: AnswerValue | null;
    change: ChangeKind;
  }[];
}

/** The comparison screen of an assessment (against `baseId`, else its previous phase). */
export const comparePath = (assessmentId: string, baseId?: string | null) =>
  `/bewertungen/${assessmentId}/vergleich${baseId ? `?mit=${encodeURIComponent(baseId)}` : ''}`;

/** The phases of one Kommune, oldest first (creation order is the order of the phases). */
export const phasesOf = (items: Assessment[], organisationId: string) =>
  items
    .filter((a) => a.organisationId === organisationId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/**
 * The phase a later one is compared with by default: its predecessor (it was started from it),
 * else the Kommune's phase created just before it.
 */
export function previousPhaseId(a: Assessment, phases: Assessment[]): string | undefined {
  if (a.predecessorId) return a.predecessorId;
  const index = phases.findIndex((p) => p.id === a.id);
  return index > 0 ? phases[index - 1]!.id : undefined;
}
