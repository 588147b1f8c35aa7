import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addOneMonthBerlin,
  berlinIso,
  berlinWallTime,
  computeDeadlines,
  deadlineState,
  fromBerlinWallTime,
} from './deadlines.ts';

const at = (iso: string) => new Date(iso);
const month = (iso: string) => berlinIso(addOneMonthBerlin(at(iso)));

describe('one calendar month in Europe/Berlin', () => {
  it('keeps the wall-clock time across the change to summer time', () => {
    // 10:00 CET on 15 March 2026 → 10:00 CEST on 15 April (one hour less of real time).
    expect(month('2026-03-15T09:00:00Z')).toBe('2026-04-15T10:00:00+02:00');
    expect(month('2026-10-15T08:00:00Z')).toBe('2026-11-15T10:00:00+01:00');
  });

  it('clamps to the end of a shorter month', () => {
    expect(month('2026-01-31T11:00:00Z')).toBe('2026-02-28T12:00:00+01:00');
    expect(month('2028-01-31T11:00:00Z')).toBe('2028-02-29T12:00:00+01:00');
    expect(month('2026-03-31T10:00:00Z')).toBe('2026-04-30T12:00:00+02:00');
    expect(month('2026-12-31T22:30:00Z')).toBe('2027-01-31T23:30:00+01:00');
    // The Berlin date counts, not the UTC date: 30 Jan 23:30 UTC is already 31 January in Berlin.
    expect(month('2027-01-30T23:30:00Z')).toBe('2027-02-28T00:30:00+01:00');
  });

  it('moves a wall-clock time in the spring gap forward by the gap', () => {
    // 28 Feb 2027 02:30 CET → 28 March 2027 02:30 does not exist → 03:30 CEST.
    expect(month('2027-02-28T01:30:00Z')).toBe('2027-03-28T03:30:00+02:00');
  });

  it('takes the earlier of two equal wall-clock times in the autumn', () => {
    // 25 Sep 2026 02:30 CEST → 25 Oct 2026 02:30 happens twice; the first is still CEST.
    expect(month('2026-09-25T00:30:00Z')).toBe('2026-10-25T02:30:00+02:00');
    expect(addOneMonthBerlin(at('2026-09-25T00:30:00Z')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every instant through its wall-clock time (except the repeated autumn hour)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const wall = berlinWallTime(d);
          const back = fromBerlinWallTime(wall);
          const repeated = back.getTime() !== d.getTime() && back.getTime() === d.getTime() - 3_600_000;
          expect(back.getTime() === d.getTime() || repeated).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is always later, by 28 to 31 days give or take the clock change', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const days = (addOneMonthBerlin(d).getTime() - d.getTime()) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28 - 1 / 24);
          expect(days).toBeLessThanOrEqual(31 + 1 / 24);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('24 and 72 hours are elapsed time', () => {
  it('is due 24 real hours later even across the spring clock change', () => {
    // Saturday 28 March 2026, 02:10 CET; the clocks go forward that night.
    const [early, notification] = computeDeadlines({
      awareAt: at('2026-03-28T01:10:00Z'),
      earlyWarningSubmittedAt: null,
      notificationSubmittedAt: null,
      finalSubmittedAt: null,
      finalDueAt: null,
      intermediateDueAt: null,
      intermediateSubmittedAt: null,
    });
    expect(berlinIso(early!.dueAt)).toBe('2026-03-29T03:10:00+02:00');
    expect(berlinIso(notification!.dueAt)).toBe('2026-03-31T03:10:00+02:00');
  });

  it('derives the states open, due soon, overdue and met', () => {
    const deadlines = computeDeadlines({
      awareAt: at('2026-05-04T08:00:00Z'),
      earlyWarningSubmittedAt: at('2026-05-04T09:00:00Z'),
      notificationSubmittedAt: null,
      finalSubmittedAt: null,
      finalDueAt: null,
      intermediateDueAt: at('2026-05-05T08:00:00Z'),
      intermediateSubmittedAt: null,
    });
    const byKind = Object.fromEntries(deadlines.map((d) => [d.kind, d]));
    expect(deadlines.map((d) => d.kind)).toEqual(['early_warning', 'notification', 'intermediate']);
    expect(deadlineState(byKind.early_warning!, at('2026-05-10T00:00:00Z'))).toBe('met');
    expect(deadlineState(byKind.notification!, at('2026-05-04T10:00:00Z'))).toBe('open');
    expect(deadlineState(byKind.notification!, at('2026-05-06T09:00:00Z'))).toBe('due_soon');
    expect(deadlineState(byKind.notification!, at('2026-05-07T08:00:01Z'))).toBe('overdue');
    expect(deadlineState(byKind.intermediate!, at('2026-05-05T07:00:00Z'))).toBe('due_soon');
  });

  it('adds the final report only once the notification is in', () => {
    const deadlines = computeDeadlines({
      awareAt: at('2026-01-29T08:00:00Z'),
      earlyWarningSubmittedAt: null,
      notificationSubmittedAt: at('2026-01-31T11:00:00Z'),
      finalSubmittedAt: null,
      finalDueAt: null,
      intermediateDueAt: null,
      intermediateSubmittedAt: null,
    });
    expect(deadlines.map((d) => d.kind)).toEqual(['early_warning', 'notification', 'final']);
    expect(deadlines[0]!.metAt?.toISOString()).toBe('2026-01-31T11:00:00.000Z');
    expect(berlinIso(deadlines[2]!.dueAt)).toBe('2026-02-28T12:00:00+01:00');
  });
});
