/**
 * Schedule times from five-field cron expressions (cron-parser, the parser pg-boss itself uses).
 * Scans are a load on the Kommune's systems: two runs of one schedule are at least an hour apart.
 */
import cronParser from 'cron-parser';

export const MIN_INTERVAL_MINUTES = 60;

export type CronCheck = { ok: true; next: Date } | { ok: false; field: 'cron' | 'timezone'; message: string };

function validTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The first time after `from`, or why the expression is not accepted. */
export function checkCron(cron: string, timezone: string, from: Date): CronCheck {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) {
    return {
      ok: false,
      field: 'cron',
      message:
        'Der Zeitplan braucht genau fünf Felder (Minute Stunde Tag Monat Wochentag), z. B. „0 3 * * 1“.',
    };
  }
  if (!validTimezone(timezone))
    return { ok: false, field: 'timezone', message: `Unbekannte Zeitzone „${timezone.slice(0, 64)}“.` };
  let times: Date[];
  try {
    const interval = cronParser.parseExpression(fields.join(' '), { currentDate: from, tz: timezone });
    times = Array.from({ length: 6 }, () => interval.next().toDate());
  } catch {
    return { ok: false, field: 'cron', message: `„${cron.slice(0, 100)}“ ist kein gültiger Cron-Ausdruck.` };
  }
  for (let i = 1; i < times.length; i += 1) {
    if (times[i]!.getTime() - times[i - 1]!.getTime() < MIN_INTERVAL_MINUTES * 60_000) {
      return {
        ok: false,
        field: 'cron',
        message: `Geplante Scans müssen mindestens ${MIN_INTERVAL_MINUTES} Minuten auseinanderliegen.`,
      };
    }
  }
  return { ok: true, next: times[0]! };
}

/** Next time of an already accepted expression. */
export function nextCronTime(cron: string, timezone: string, from: Date): Date {
  return cronParser.parseExpression(cron, { currentDate: from, tz: timezone }).next().toDate();
}
