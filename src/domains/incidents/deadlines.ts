/**
 * Reporting deadlines of an incident report, computed in Europe/Berlin.
 *
 * Rules (also in DEADLINE_RULE for the API):
 * - Early warning: 24 hours after awareness; notification: 72 hours after awareness. These are
 *   elapsed hours, so a clock change in between neither stretches nor shortens them (awareness at
 *   Saturday 02:10 CET before the spring change is due Sunday 03:10 CEST, still 24 real hours).
 * - A notification submitted before any early warning also meets the early warning: it carries
 *   at least what the early warning would have.
 * - Final report: one calendar month after the notification was submitted, at the same local
 *   (Berlin) wall-clock time. When the next month is shorter the day is clamped to its last day
 *   (31 January → 28/29 February, 31 March → 30 April). A wall-clock time that does not exist on
 *   that day (the spring gap 02:00–03:00) moves forward by the gap; one that exists twice (the
 *   autumn 02:00–03:00) takes the first, earlier occurrence.
 * - Intermediate report: only when the CERT asks for one, due when it says.
 * - State: met (a submission of that kind exists; `late` says whether it came after the due time),
 *   overdue (past due, not met), due_soon (less than DUE_SOON_MS left: 6 h for the early warning,
 *   24 h for the notification and an intermediate report, 7 days for the final report), otherwise open.
 */

export const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEADLINE_RULE =
  'Frühwarnung 24 Stunden und Meldung 72 Stunden nach Kenntnisnahme (verstrichene Stunden, Zeitumstellung unerheblich); eine Meldung vor der Frühwarnung erfüllt auch diese. Abschlussbericht einen Kalendermonat nach Eingang der Meldung zur selben Uhrzeit in Europe/Berlin, am Monatsende gekappt (31.01. → 28./29.02.). Zwischenbericht nur auf Anforderung des CERT. Status: met (erfüllt), overdue (überfällig), due_soon (weniger als 6 h / 24 h / 7 Tage übrig), open.';

export type DeadlineKind = 'early_warning' | 'notification' | 'intermediate' | 'final';
export type DeadlineState = 'open' | 'due_soon' | 'overdue' | 'met';

export const DUE_SOON_MS: Record<DeadlineKind, number> = {
  early_warning: 6 * HOUR,
  notification: DAY,
  intermediate: DAY,
  final: 7 * DAY,
};

interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: BERLIN,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Berlin wall-clock time of an instant. */
export function berlinWallTime(instant: Date): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    millisecond: instant.getUTCMilliseconds(),
  };
}

const asUtc = (w: WallTime) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

/** Berlin's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function berlinOffsetMs(instant: Date): number {
  return asUtc({ ...berlinWallTime(instant), millisecond: instant.getUTCMilliseconds() }) - instant.getTime();
}

const sameWallTime = (a: WallTime, b: WallTime) =>
  a.year === b.year &&
  a.month === b.month &&
  a.day === b.day &&
  a.hour === b.hour &&
  a.minute === b.minute &&
  a.second === b.second;

/**
 * The instant of a Berlin wall-clock time. Ambiguous (autumn) → the earlier instant; non-existent
 * (spring gap) → shifted forward by the gap, i.e. read with the offset in force before the change.
 */
export function fromBerlinWallTime(w: WallTime): Date {
  const naive = asUtc(w);
  // The offsets in force half a day either side cover both sides of any transition.
  const offsets = [
    ...new Set([berlinOffsetMs(new Date(naive - 12 * HOUR)), berlinOffsetMs(new Date(naive + 12 * HOUR))]),
  ];
  const valid = offsets
    .map((offset) => naive - offset)
    .filter((t) => sameWallTime(berlinWallTime(new Date(t)), w))
    .sort((a, b) => a - b);
  if (valid.length > 0) return new Date(valid[0]!);
  return new Date(naive - berlinOffsetMs(new Date(naive - 12 * HOUR)));
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** One calendar month later in Berlin, same wall-clock time, day clamped to the month's end. */
export function addOneMonthBerlin(instant: Date): Date {
  const w = berlinWallTime(instant);
  const year = w.month === 12 ? w.year + 1 : w.year;
  const month = w.month === 12 ? 1 : w.month + 1;
  return fromBerlinWallTime({ ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) });
}

/** ISO 8601 with Berlin's offset, e.g. 2026-03-29T03:10:00+02:00 (for display beside the UTC time). */
export function berlinIso(instant: Date): string {
  const w = berlinWallTime(instant);
  const offsetMinutes = Math.round(berlinOffsetMs(instant) / 60_000);
  const pad = (n: number, l = 2) => String(n).padStart(l, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export interface Deadline {
  kind: DeadlineKind;
  dueAt: Date;
  metAt: Date | null;
}

export interface DeadlineInput {
  awareAt: Date;
  earlyWarningSubmittedAt: Date | null;
  notificationSubmittedAt: Date | null;
  finalSubmittedAt: Date | null;
  /** Fixed when the notification arrived (`addOneMonthBerlin`). */
  finalDueAt: Date | null;
  intermediateDueAt: Date | null;
  intermediateSubmittedAt: Date | null;
}

/** The deadlines that apply to a report now (the final report only once the notification is in). */
export function computeDeadlines(input: DeadlineInput): Deadline[] {
  const firstOf = (...dates: (Date | null)[]) =>
    dates.filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const deadlines: Deadline[] = [
    {
      kind: 'early_warning',
      dueAt: new Date(input.awareAt.getTime() + 24 * HOUR),
      metAt: firstOf(input.earlyWarningSubmittedAt, input.notificationSubmittedAt),
    },
    {
      kind: 'notification',
      dueAt: new Date(input.awareAt.getTime() + 72 * HOUR),
      metAt: input.notificationSubmittedAt,
    },
  ];
  if (input.intermediateDueAt) {
    deadlines.push({
      kind: 'intermediate',
      dueAt: input.intermediateDueAt,
      metAt: input.intermediateSubmittedAt,
    });
  }
  if (input.notificationSubmittedAt) {
    deadlines.push({
      kind: 'final',
      dueAt: input.finalDueAt ?? addOneMonthBerlin(input.notificationSubmittedAt),
      metAt: input.finalSubmittedAt,
    });
  }
  return deadlines;
}

export function deadlineState(deadline: Deadline, now: Date): DeadlineState {
  if (deadline.metAt) return 'met';
  const left = deadline.dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left < DUE_SOON_MS[deadline.kind] ? 'due_soon' : 'open';
}
