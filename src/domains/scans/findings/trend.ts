/**
 * Open findings by severity over time, replayed from scan_finding_history. Pure.
 *
 * Each history row sets a finding's state and severity from its instant on. An acceptance ends
 * by itself at its expiry: the replay reopens the finding then, whether or not the expiry has
 * been written to the history yet (a later written expiry entry changes nothing).
 */
import type { FindingSeverity, FindingState } from '../../../platform/db/schema.ts';

export interface HistoryEvent {
  id: number | string;
  finding_id: string;
  to_state: FindingState;
  severity: FindingSeverity;
  accepted_until: Date | null;
  changed_at: Date;
}

export interface TrendPoint {
  /** UTC day, YYYY-MM-DD; the counts are those at the end of the day. */
  date: string;
  high: number;
  medium: number;
  low: number;
  info: number;
}

const DAY = 86_400_000;
const dayStart = (t: number) => Math.floor(t / DAY) * DAY;

type Step =
  | { at: number; order: number; kind: 'event'; event: HistoryEvent }
  | { at: number; order: number; kind: 'expire'; findingId: string; acceptance: number };

export function dailyTrend(
  events: readonly HistoryEvent[],
  options: { days: number; now: Date },
): TrendPoint[] {
  const today = dayStart(options.now.getTime());
  const first = today - (options.days - 1) * DAY;
  const steps: Step[] = [];
  events.forEach((event, order) => {
    const at = new Date(event.changed_at).getTime();
    steps.push({ at, order, kind: 'event', event });
    if (event.to_state === 'accepted' && event.accepted_until) {
      steps.push({
        at: new Date(event.accepted_until).getTime(),
        order,
        kind: 'expire',
        findingId: event.finding_id,
        acceptance: order,
      });
    }
  });
  steps.sort((a, b) => a.at - b.at || a.order - b.order || (a.kind === 'event' ? -1 : 1));

  const current = new Map<string, { state: FindingState; severity: FindingSeverity; acceptance: number }>();
  const open: Record<FindingSeverity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  const apply = (findingId: string, state: FindingState, severity: FindingSeverity, acceptance: number) => {
    const before = current.get(findingId);
    if (before?.state === 'open') open[before.severity]--;
    current.set(findingId, { state, severity, acceptance });
    if (state === 'open') open[severity]++;
  };
  const points: TrendPoint[] = [];
  let i = 0;
  for (let day = first; day <= today; day += DAY) {
    const end = day + DAY;
    while (i < steps.length && steps[i]!.at < end) {
      const step = steps[i++]!;
      if (step.kind === 'event') {
        apply(step.event.finding_id, step.event.to_state, step.event.severity, step.order);
      } else {
        const now = current.get(step.findingId);
        if (
          now?.state === 'accepted' &&
          now.acceptance === step.acceptance &&
          step.at <= options.now.getTime()
        )
          apply(step.findingId, 'open', now.severity, -1);
      }
    }
    points.push({ date: new Date(day).toISOString().slice(0, 10), ...open });
  }
  return points;
}
