/**
 * Scores and comparisons of assessments: pure functions over effective answers.
 *
 * SCORE FORMULA (also in the API description of GET /assessments/{id}/scores):
 *   effective answer = the auditor's override where one exists, else the Kommune's answer;
 *   applicable        = requirements whose effective answer is not `not_applicable`
 *                       (`open`, i.e. not answered yet, counts as applicable and not fulfilled);
 *   fulfilled         = yes × 1 + partial × 0.5 + no × 0 + open × 0;
 *   score             = fulfilled / applicable (0…1), null when nothing is applicable.
 * Per topic (top-level group of the catalog) over the topic's requirements; overall over all
 * requirements of the assessment at once (pooled, not the mean of the topic scores), so a topic
 * with many requirements weighs more than a small one.
 */
import type { AnswerStatus } from '../../platform/db/schema.ts';

export const ANSWER_STATUSES = [
  'yes',
  'partial',
  'no',
  'not_applicable',
  'open',
] as const satisfies readonly AnswerStatus[];

/** How much of a requirement an answer fulfils; null = not applicable (left out). */
export function fulfilment(status: AnswerStatus): number | null {
  switch (status) {
    case 'yes':
      return 1;
    case 'partial':
      return 0.5;
    case 'no':
    case 'open':
      return 0;
    case 'not_applicable':
      return null;
    default: {
      const unknown: never = status;
      throw new Error(`unknown answer status ${String(unknown)}`);
    }
  }
}

export interface ScoreCounts {
  yes: number;
  partial: number;
  no: number;
  not_applicable: number;
  open: number;
}

export interface Score {
  counts: ScoreCounts;
  total: number;
  applicable: number;
  /** yes + 0.5 × partial. */
  fulfilled: number;
  /** fulfilled / applicable, null when nothing is applicable. */
  score: number | null;
}

export const emptyCounts = (): ScoreCounts => ({ yes: 0, partial: 0, no: 0, not_applicable: 0, open: 0 });

export function scoreOf(counts: ScoreCounts): Score {
  const total = counts.yes + counts.partial + counts.no + counts.not_applicable + counts.open;
  const applicable = total - counts.not_applicable;
  // Half points keep the sum exact in integers until the one division.
  const halfPoints = 2 * counts.yes + counts.partial;
  return {
    counts,
    total,
    applicable,
    fulfilled: halfPoints / 2,
    score: applicable === 0 ? null : halfPoints / (2 * applicable),
  };
}

export interface ScoredAnswer {
  topicKey: string;
  effectiveStatus: AnswerStatus;
}

export interface TopicInfo {
  key: string;
  id: string | null;
  title: string;
}

export interface TopicScore extends Score {
  topic: TopicInfo;
}

export interface Scores {
  overall: Score;
  topics: TopicScore[];
}

/** Scores per topic (in the order of `topics`) and overall. */
export function computeScores(topics: readonly TopicInfo[], answers: readonly ScoredAnswer[]): Scores {
  const perTopic = new Map(topics.map((t) => [t.key, emptyCounts()]));
  const overall = emptyCounts();
  for (const answer of answers) {
    overall[answer.effectiveStatus]++;
    const counts = perTopic.get(answer.topicKey);
    if (counts) counts[answer.effectiveStatus]++;
  }
  return {
    overall: scoreOf(overall),
    topics: topics.map((topic) => ({ topic, ...scoreOf(perTopic.get(topic.key) ?? emptyCounts()) })),
  };
}

export type ChangeKind =
  | 'improved'
  | 'worsened'
  | 'unchanged'
  | 'applicability_changed'
  | 'added'
  | 'removed';

export interface ComparedAnswer {
  requirementKey: string;
  topicKey: string;
  effectiveStatus: AnswerStatus;
}

export interface RequirementChange {
  requirementKey: string;
  topicKey: string;
  base: AnswerStatus | null;
  target: AnswerStatus | null;
  change: ChangeKind;
}

/**
 * How one requirement's effective answer changed from `base` to `target`:
 * improved / worsened when its fulfilment (1, 0.5, 0) rose or fell; unchanged when it stayed
 * the same (also `no` ↔ `open`, both 0); applicability_changed when exactly one side is
 * `not_applicable`; added / removed when the requirement is in only one of the two.
 */
export function classifyChange(base: AnswerStatus | null, target: AnswerStatus | null): ChangeKind {
  if (base === null) return 'added';
  if (target === null) return 'removed';
  const before = fulfilment(base);
  const after = fulfilment(target);
  if (before === null && after === null) return 'unchanged';
  if (before === null || after === null) return 'applicability_changed';
  if (after > before) return 'improved';
  if (after < before) return 'worsened';
  return 'unchanged';
}

/** Matches requirements by key (so two catalog versions compare too), in target order then removed ones. */
export function compareAnswers(
  base: readonly ComparedAnswer[],
  target: readonly ComparedAnswer[],
): RequirementChange[] {
  const baseByKey = new Map(base.map((a) => [a.requirementKey, a]));
  const targetKeys = new Set(target.map((a) => a.requirementKey));
  const changes: RequirementChange[] = target.map((t) => {
    const b = baseByKey.get(t.requirementKey);
    return {
      requirementKey: t.requirementKey,
      topicKey: t.topicKey,
      base: b?.effectiveStatus ?? null,
      target: t.effectiveStatus,
      change: classifyChange(b?.effectiveStatus ?? null, t.effectiveStatus),
    };
  });
  for (const b of base) {
    if (targetKeys.has(b.requirementKey)) continue;
    changes.push({
      requirementKey: b.requirementKey,
      topicKey: b.topicKey,
      base: b.effectiveStatus,
      target: null,
      change: 'removed',
    });
  }
  return changes;
}

export type ChangeSummary = Record<ChangeKind, number>;

export function summariseChanges(changes: readonly RequirementChange[]): ChangeSummary {
  const summary: ChangeSummary = {
    improved: 0,
    worsened: 0,
    unchanged: 0,
    applicability_changed: 0,
    added: 0,
    removed: 0,
  };
  for (const c of changes) summary[c.change]++;
  return summary;
}
