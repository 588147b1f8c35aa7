import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerStatus } from '../../platform/db/schema.ts';
import {
  ANSWER_STATUSES,
  classifyChange,
  compareAnswers,
  computeScores,
  scoreOf,
  summariseChanges,
} from './scores.ts';

describe('scores', () => {
  it('counts yes 1, partial 0.5, no and open 0, and leaves not_applicable out', () => {
    const s = scoreOf({ yes: 3, partial: 2, no: 1, open: 2, not_applicable: 4 });
    expect(s).toMatchObject({ total: 12, applicable: 8, fulfilled: 4, score: 0.5 });
  });

  it('has no score when nothing is applicable', () => {
    expect(scoreOf({ yes: 0, partial: 0, no: 0, open: 0, not_applicable: 3 }).score).toBeNull();
  });

  it('pools the overall score over all requirements (not the mean of the topics)', () => {
    const topics = [
      { key: 'A', id: 'a', title: 'A' },
      { key: 'B', id: 'b', title: 'B' },
    ];
    const answers = [
      { topicKey: 'A', effectiveStatus: 'yes' as const },
      { topicKey: 'B', effectiveStatus: 'no' as const },
      { topicKey: 'B', effectiveStatus: 'no' as const },
      { topicKey: 'B', effectiveStatus: 'partial' as const },
    ];
    const scores = computeScores(topics, answers);
    expect(scores.topics.map((t) => t.score)).toEqual([1, 0.5 / 3]);
    expect(scores.overall.score).toBe(1.5 / 4);
  });

  it('stays within 0..1 and equals the formula for any answer set', () => {
    const status = fc.constantFrom(...ANSWER_STATUSES);
    fc.assert(
      fc.property(fc.array(status, { maxLength: 300 }), (statuses) => {
        const scores = computeScores(
          [{ key: 'T', id: 't', title: 'T' }],
          statuses.map((s) => ({ topicKey: 'T', effectiveStatus: s })),
        );
        const count = (s: AnswerStatus) => statuses.filter((x) => x === s).length;
        const applicable = statuses.length - count('not_applicable');
        const expected = applicable === 0 ? null : (count('yes') + count('partial') / 2) / applicable;
        expect(scores.overall.score).toBe(expected);
        expect(scores.topics[0]!.score).toBe(expected);
      }),
    );
  });
});

describe('comparison', () => {
  it('classifies changes by fulfilment', () => {
    expect(classifyChange('no', 'partial')).toBe('improved');
    expect(classifyChange('partial', 'yes')).toBe('improved');
    expect(classifyChange('yes', 'open')).toBe('worsened');
    expect(classifyChange('no', 'open')).toBe('unchanged');
    expect(classifyChange('yes', 'yes')).toBe('unchanged');
    expect(classifyChange('no', 'not_applicable')).toBe('applicability_changed');
    expect(classifyChange('not_applicable', 'not_applicable')).toBe('unchanged');
    expect(classifyChange(null, 'yes')).toBe('added');
    expect(classifyChange('yes', null)).toBe('removed');
  });

  it('matches requirements by key and reports added and removed ones', () => {
    const a = (requirementKey: string, effectiveStatus: AnswerStatus) => ({
      requirementKey,
      topicKey: 'T',
      effectiveStatus,
    });
    const changes = compareAnswers(
      [a('R1', 'no'), a('R2', 'yes'), a('R3', 'partial')],
      [a('R1', 'yes'), a('R2', 'partial'), a('R4', 'yes')],
    );
    expect(changes.map((c) => [c.requirementKey, c.change])).toEqual([
      ['R1', 'improved'],
      ['R2', 'worsened'],
      ['R4', 'added'],
      ['R3', 'removed'],
    ]);
    expect(summariseChanges(changes)).toMatchObject({
      improved: 1,
      worsened: 1,
      added: 1,
      removed: 1,
      unchanged: 0,
    });
  });
});
