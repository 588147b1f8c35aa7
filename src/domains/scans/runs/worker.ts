/**
 * The scan worker: takes `scan.run` jobs, re-checks the target's authorisation, honours the
 * per-host concurrency and the platform-wide start rate (both decided in the database under one
 * advisory lock, so they hold across worker processes), runs the built-in checks outside any
 * transaction, and hands the failed checks to the findings store. `scan.schedules` fires every
 * minute and queues the runs of due schedules.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type RequestContext, systemContext } from '../../../platform/context.ts';
import type { Database, Tx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Job, Jobs } from '../../../platform/jobs/jobs.ts';
import { InvalidScanTargetError, runChecks, toImportedFindings } from '../checks/run.ts';
import type { CheckResult, RunOptions } from '../checks/types.ts';
import type { ScanFinding } from '../imports/finding.ts';
import { assertScanAuthorised, coverageFromTargets, ingestFindings } from './collaborators.ts';
import { nextCronTime } from './cron.ts';
import { SCAN_RUN_QUEUE, SCAN_SCHEDULE_QUEUE, type ScanRunJob } from './queues.ts';
import { unsafeLockRun, unsafeRecentStarts, unsafeRunningOnHost } from './repository.ts';
import type { RunSummary, ScanTargetInput } from './schemas.ts';
import { normaliseScanTarget } from './target.ts';

// Serialises the start decisions (rate, per-host slots) of all workers on one database.
const SCAN_START_LOCK = 7_403_219;
/** A run "running" for longer than this lost its worker; it no longer holds its host slot. */
const STALE_RUNNING_SECONDS = 30 * 60;
const HOST_BUSY_RETRY_SECONDS = 10;

export interface ScanWorkerSettings {
  /** Runs handled at once by this process. */
  concurrency: number;
  /** Runs at once against one host, platform-wide (1–2). */
  perHost: number;
  /** Runs started per minute, platform-wide. */
  ratePerMinute: number;
  /** Options for the checks (tests map ports and names onto loopback servers). */
  checkOptions?: RunOptions;
}

export interface ScanWorkerDeps {
  database: Database;
  jobs: Jobs;
  settings: ScanWorkerSettings;
}

type Claim =
  | { kind: 'skip' }
  | { kind: 'refused' }
  | { kind: 'defer'; seconds: number; why: 'rate' | 'host' }
  | {
      kind: 'run';
      run: {
        id: string;
        organisation_id: string;
        target: Record<string, string>;
        checks: string[] | null;
        label: string | null;
      };
    };

function refusalReason(error: unknown): string | undefined {
  if (error instanceof AppError && error.status < 500) return error.detail ?? error.title;
  return undefined;
}

async function finishRefused(
  ctx: RequestContext,
  trx: Tx,
  run: { id: string; organisation_id: string },
  reason: string,
) {
  await trx
    .updateTable('scan_runs')
    .set({ state: 'refused', reason, finished_at: new Date() })
    .where('id', '=', run.id)
    .execute();
  await recordAudit(ctx, trx, {
    action: 'scan-run.refused',
    resourceType: 'scan_run',
    resourceId: run.id,
    organisationId: run.organisation_id,
    after: { reason },
  });
}

async function claim(deps: ScanWorkerDeps, ctx: RequestContext, runId: string): Promise<Claim> {
  const { settings } = deps;
  return deps.database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SCAN_START_LOCK})`.execute(trx);
    const run = await unsafeLockRun(trx, runId);
    if (!run || (run.state !== 'queued' && run.state !== 'running')) return { kind: 'skip' };
    try {
      await assertScanAuthorised(trx, run.organisation_id, {
        host: run.target_host,
        port: run.target_port ?? undefined,
      });
    } catch (error) {
      const reason = refusalReason(error);
      if (!reason) throw error;
      await finishRefused(ctx, trx, run, `Keine gültige Freigabe beim Start: ${reason}`);
      return { kind: 'refused' };
    }
    const recent = await unsafeRecentStarts(trx, 60);
    if (recent.count >= settings.ratePerMinute) {
      return { kind: 'defer', seconds: Math.max(1, Math.ceil(recent.freeInSeconds)), why: 'rate' };
    }
    const busy = await unsafeRunningOnHost(trx, run.target_host, run.id, STALE_RUNNING_SECONDS);
    if (busy >= settings.perHost) return { kind: 'defer', seconds: HOST_BUSY_RETRY_SECONDS, why: 'host' };
    await trx
      .updateTable('scan_runs')
      .set((eb) => ({
        state: 'running',
        started_at: new Date(),
        attempts: eb('attempts', '+', 1),
        reason: null,
      }))
      .where('id', '=', run.id)
      .execute();
    return { kind: 'run', run };
  });
}

export function summarise(
  results: readonly CheckResult[],
  findings: number,
  durationMs: number,
  importId: string | null,
): RunSummary {
  const byStatus: Record<string, number> = {};
  const failedBySeverity: Record<string, number> = {};
  for (const r of results) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (r.status === 'fail') failedBySeverity[r.severity] = (failedBySeverity[r.severity] ?? 0) + 1;
  }
  return { results: results.length, byStatus, failedBySeverity, findings, durationMs, importId };
}

/** What the run looked at: hosts/ports with a definite outcome (errors say nothing, so nothing counts as fixed there). */
export function coverageOf(results: readonly CheckResult[]) {
  return coverageFromTargets(
    results
      .filter((r) => r.status !== 'error')
      .map((r) => ({
        host: r.target.host,
        ...(r.target.port !== undefined ? { port: r.target.port, protocol: 'tcp' as const } : {}),
      })),
  );
}

/** Failed checks as findings of source `bastei` (check id, severity, evidence). */
export function findingsOf(results: readonly CheckResult[]): ScanFinding[] {
  return toImportedFindings(results);
}

export async function executeScanRun(deps: ScanWorkerDeps, job: Job<ScanRunJob>): Promise<void> {
  const runId = job.data.runId;
  const ctx = systemContext(deps.database.db, 'scan-worker', `job-${job.id}`);
  const claimed = await claim(deps, ctx, runId);
  if (claimed.kind === 'defer') {
    await deps.jobs.send<ScanRunJob>(SCAN_RUN_QUEUE, { runId }, { startAfterSeconds: claimed.seconds });
    return;
  }
  if (claimed.kind !== 'run') return;
  const run = claimed.run;
  const started = performance.now();
  try {
    let results: CheckResult[];
    try {
      results = await runChecks(run.target as never, {
        timeoutMs: 5000,
        concurrency: 8,
        ...deps.settings.checkOptions,
      });
    } catch (error) {
      if (!(error instanceof InvalidScanTargetError)) throw error;
      await fail(deps, ctx, run, `Das Ziel ist ungültig: ${error.issues.join('; ')}`);
      return;
    }
    if (run.checks) results = results.filter((r) => run.checks!.includes(r.checkId));
    const findings = findingsOf(results);
    await deps.database.db.transaction().execute(async (trx) => {
      const ingest = await ingestFindings(trx, ctx, {
        organisationId: run.organisation_id,
        source: 'bastei',
        label: run.label ?? `Bastei-Scan ${describeTarget(run.target)}`,
        coverage: coverageOf(results),
        findings,
        runId: run.id,
      });
      const summary = summarise(
        results,
        findings.length,
        Math.round(performance.now() - started),
        ingest.importId,
      );
      await trx
        .updateTable('scan_runs')
        .set({
          state: 'done',
          finished_at: new Date(),
          summary: JSON.stringify(summary),
          results: JSON.stringify(results),
          checks: run.checks ?? [...new Set(results.map((r) => r.checkId))],
        })
        .where('id', '=', run.id)
        .execute();
      await recordAudit(ctx, trx, {
        action: 'scan-run.finished',
        resourceType: 'scan_run',
        resourceId: run.id,
        organisationId: run.organisation_id,
        after: { state: 'done', summary },
      });
    });
  } catch (error) {
    const last = job.retryCount >= job.retryLimit;
    if (last) {
      await fail(
        deps,
        ctx,
        run,
        `Der Scan ist fehlgeschlagen: ${error instanceof Error ? error.message : String(error)}`.slice(
          0,
          2000,
        ),
      );
      return;
    }
    // Back in the queue: the slot on its host is free for others until the retry.
    await deps.database.db
      .updateTable('scan_runs')
      .set({ state: 'queued' })
      .where('id', '=', run.id)
      .where('state', '=', 'running')
      .execute();
    throw error;
  }
}

function describeTarget(target: Record<string, string>): string {
  return target.url ?? target.host ?? target.domain ?? '';
}

async function fail(
  deps: ScanWorkerDeps,
  ctx: RequestContext,
  run: { id: string; organisation_id: string },
  reason: string,
) {
  await deps.database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('scan_runs')
      .set({ state: 'failed', reason, finished_at: new Date() })
      .where('id', '=', run.id)
      .execute();
    await recordAudit(ctx, trx, {
      action: 'scan-run.failed',
      resourceType: 'scan_run',
      resourceId: run.id,
      organisationId: run.organisation_id,
      after: { reason },
    });
  });
}

/**
 * Queues the runs of every schedule due at `now` and moves each to its next time. Authorisations
 * are not checked here: the worker checks them when the run starts and refuses expired ones.
 */
export async function runDueSchedules(
  deps: Pick<ScanWorkerDeps, 'database' | 'jobs'>,
  now = new Date(),
): Promise<number> {
  await deps.jobs.start();
  const ctx = systemContext(deps.database.db, 'scan-scheduler');
  return deps.database.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('scan_schedules')
      .selectAll()
      .where('next_run_at', '<=', now)
      .where('paused_at', 'is', null)
      .orderBy('next_run_at')
      .limit(100)
      .forUpdate()
      .skipLocked()
      .execute();
    let queued = 0;
    for (const schedule of due) {
      for (const input of schedule.targets) {
        const normalised = normaliseScanTarget(input as ScanTargetInput);
        if (!normalised.ok) continue;
        const row = await trx
          .insertInto('scan_runs')
          .values({
            organisation_id: schedule.organisation_id,
            target: JSON.stringify(normalised.value.target),
            target_host: normalised.value.host,
            target_port: normalised.value.port ?? null,
            label: schedule.name,
            requested_by: schedule.created_by,
            requested_by_label: `Zeitplan „${schedule.name}“`,
            schedule_id: schedule.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await deps.jobs.send<ScanRunJob>(SCAN_RUN_QUEUE, { runId: row.id }, { executor: trx });
        queued += 1;
      }
      await trx
        .updateTable('scan_schedules')
        .set({ last_run_at: now, next_run_at: nextCronTime(schedule.cron, schedule.timezone, now) })
        .where('id', '=', schedule.id)
        .execute();
      await recordAudit(ctx, trx, {
        action: 'scan-schedule.fired',
        resourceType: 'scan_schedule',
        resourceId: schedule.id,
        organisationId: schedule.organisation_id,
        after: { runs: schedule.targets.length },
      });
    }
    return queued;
  });
}

/** Starts this process's scan workers and the minute tick of the schedules. */
export async function startScanWorker(deps: ScanWorkerDeps): Promise<void> {
  await deps.jobs.work<ScanRunJob>(SCAN_RUN_QUEUE, { concurrency: deps.settings.concurrency }, (job) =>
    executeScanRun(deps, job),
  );
  await deps.jobs.work(SCAN_SCHEDULE_QUEUE, {}, async () => {
    await runDueSchedules(deps);
  });
  await deps.jobs.schedule(SCAN_SCHEDULE_QUEUE, '* * * * *');
}
