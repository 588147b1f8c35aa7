import { z } from 'zod';
import { PaginationQuery } from '../../../platform/http/api.ts';
import { CHECK_IDS, CHECK_SEVERITIES, CHECK_STATUSES } from '../checks/types.ts';

export const SCAN_RUN_STATES = ['queued', 'running', 'done', 'failed', 'refused'] as const;

export const SCAN_RUN_RULE =
  'Ein Scan-Lauf prüft ein Ziel (URL, Host oder Domain) mit den eingebauten Prüfungen. Er startet nur, solange eine Freigabe für das Ziel vorliegt; fehlt sie beim Start (abgelaufen oder widerrufen), wird der Lauf abgewiesen (refused) und nichts gesendet. Je Host laufen höchstens 1–2 Scans gleichzeitig, plattformweit startet nur eine begrenzte Zahl pro Minute. Nur fehlgeschlagene Prüfungen werden zu Befunden.';

/** What to scan: exactly one of url, host, domain (like the checks' ScanTarget). */
export const ScanTargetSchema = z.union([
  z.strictObject({ url: z.string().trim().min(1).max(2000) }),
  z.strictObject({ host: z.string().trim().min(1).max(300) }),
  z.strictObject({ domain: z.string().trim().min(1).max(300) }),
]);
export type ScanTargetInput = z.infer<typeof ScanTargetSchema>;

export const OrganisationParams = z.strictObject({ id: z.uuid() });
export const IdParams = z.strictObject({ id: z.uuid() });

export const CreateRunBody = z.strictObject({
  target: ScanTargetSchema.describe('{ "url": "https://www.example.de/" } | { "host": … } | { "domain": … }'),
  checks: z
    .array(z.enum(CHECK_IDS))
    .min(1)
    .max(CHECK_IDS.length)
    .optional()
    .describe('keep only these checks’ results and findings (default: every check that applies)'),
  label: z.string().trim().min(1).max(200).optional(),
});
export type CreateRunInput = z.infer<typeof CreateRunBody>;

export const CheckResultSchema = z.object({
  checkId: z.string(),
  target: z.object({ host: z.string(), port: z.number().int().optional(), service: z.string().optional() }),
  status: z.enum(CHECK_STATUSES),
  severity: z.enum(CHECK_SEVERITIES),
  summary: z.object({ de: z.string(), en: z.string() }),
  evidence: z.record(z.string(), z.unknown()),
  observedAt: z.string(),
});

export const RunSummarySchema = z.object({
  results: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  failedBySeverity: z.record(z.string(), z.number().int()),
  findings: z.number().int(),
  durationMs: z.number().int(),
  importId: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const ScanRunSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  target: z.record(z.string(), z.string()),
  targetHost: z.string(),
  targetPort: z.number().int().nullable(),
  checks: z.array(z.string()).nullable(),
  label: z.string().nullable(),
  requestedBy: z.string(),
  scheduleId: z.uuid().nullable(),
  state: z.enum(SCAN_RUN_STATES),
  reason: z.string().nullable().describe('why the run was refused or failed'),
  attempts: z.number().int(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  summary: RunSummarySchema.nullable(),
});
export type ScanRunDto = z.infer<typeof ScanRunSchema>;

export const ScanRunDetailSchema = ScanRunSchema.extend({ results: z.array(CheckResultSchema).nullable() });
export type ScanRunDetailDto = z.infer<typeof ScanRunDetailSchema>;

export const ScanRunListSchema = z.object({
  organisationId: z.uuid(),
  items: z.array(ScanRunSchema),
  total: z.number().int(),
});

export const ScanRunListQuery = z.strictObject({
  state: z.enum(SCAN_RUN_STATES).optional(),
  ...PaginationQuery,
});
export type ScanRunListFilter = z.infer<typeof ScanRunListQuery>;

export const CreateScheduleBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  cron: z
    .string()
    .trim()
    .min(9)
    .max(100)
    .describe('five fields (minute hour day-of-month month day-of-week), e.g. "0 3 * * 1" = Mondays 03:00'),
  timezone: z.string().trim().min(1).max(64).default('Europe/Berlin'),
  targets: z.array(ScanTargetSchema).min(1).max(50),
});
export type CreateScheduleInput = z.infer<typeof CreateScheduleBody>;

export const UpdateScheduleBody = z.strictObject({
  paused: z
    .boolean()
    .describe('true pauses the schedule; false resumes it from now on (missed runs are not caught up)'),
});
export type UpdateScheduleInput = z.infer<typeof UpdateScheduleBody>;

export const ScanScheduleSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  name: z.string(),
  cron: z.string(),
  timezone: z.string(),
  targets: z.array(z.record(z.string(), z.string())),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  pausedAt: z.string().nullable().describe('set while the schedule is paused: it starts no runs'),
  pausedBy: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ScanScheduleDto = z.infer<typeof ScanScheduleSchema>;

export const ScanScheduleListSchema = z.object({
  organisationId: z.uuid(),
  items: z.array(ScanScheduleSchema),
});
