import type { Selectable } from 'kysely';
import type { ScanSchedulesTable } from '../../../platform/db/schema.ts';
import type { RunRecord } from './repository.ts';
import type { RunSummary, ScanRunDetailDto, ScanRunDto, ScanScheduleDto } from './schemas.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentRun(r: RunRecord): ScanRunDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    target: r.target,
    targetHost: r.target_host,
    targetPort: r.target_port,
    checks: r.checks,
    label: r.label,
    requestedBy: r.requested_by_label,
    scheduleId: r.schedule_id,
    state: r.state,
    reason: r.reason,
    attempts: r.attempts,
    queuedAt: new Date(r.queued_at).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    summary: (r.summary as RunSummary | null) ?? null,
  };
}

export function presentRunDetail(r: RunRecord & { results: unknown[] | null }): ScanRunDetailDto {
  return { ...presentRun(r), results: (r.results as ScanRunDetailDto['results']) ?? null };
}

export function presentSchedule(s: Selectable<ScanSchedulesTable>): ScanScheduleDto {
  return {
    id: s.id,
    organisationId: s.organisation_id,
    name: s.name,
    cron: s.cron,
    timezone: s.timezone,
    targets: s.targets,
    nextRunAt: new Date(s.next_run_at).toISOString(),
    lastRunAt: iso(s.last_run_at),
    pausedAt: iso(s.paused_at),
    pausedBy: s.paused_by_label,
    createdBy: s.created_by_label,
    createdAt: new Date(s.created_at).toISOString(),
  };
}
