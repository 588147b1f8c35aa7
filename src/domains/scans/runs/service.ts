/**
 * Scan runs and schedules through the API. A run is queued in the same transaction as its row
 * (the job carries only the id); the worker (worker.ts) checks the authorisation again when it
 * starts the run. Objects outside the read scope (finding.read) answer 404, a missing scan.run 403.
 */
import { recordAudit } from '../../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { assertPermitted, scopeFor } from '../../../platform/policy/policy.ts';
import { findOrganisationById } from '../../organisations/repository.ts';
import { assertScanAuthorised } from './collaborators.ts';
import { checkCron, nextCronTime } from './cron.ts';
import { presentRun, presentRunDetail, presentSchedule } from './presenter.ts';
import { SCAN_RUN_QUEUE, type ScanRunJob } from './queues.ts';
import { findRunById, findRuns, schedulesInScope } from './repository.ts';
import type {
  CreateRunInput,
  CreateScheduleInput,
  ScanRunListFilter,
  ScanTargetInput,
  UpdateScheduleInput,
} from './schemas.ts';
import { type NormalisedTarget, normaliseScanTarget } from './target.ts';

const readScope = (ctx: RequestContext) => scopeFor(ctx, 'finding.read');

async function loadOrganisation(ctx: RequestContext, db: Executor, id: string) {
  const organisation = await findOrganisationById(db, readScope(ctx), id);
  if (!organisation) throw notFound('Die Organisation');
  return organisation;
}

export function validTarget(input: ScanTargetInput, pointer: string): NormalisedTarget {
  const result = normaliseScanTarget(input);
  if (!result.ok) {
    throw new AppError('validation-failed', {
      detail: result.message,
      errors: [{ pointer, message: result.message }],
    });
  }
  return result.value;
}

export async function requestScanRun(
  ctx: RequestContext,
  jobs: Jobs,
  organisationId: string,
  input: CreateRunInput,
) {
  // pg-boss installs itself on first use; on PGlite that must not happen inside our transaction.
  await jobs.start();
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(ctx, trx, organisationId);
    assertPermitted(ctx, 'scan.run', organisation);
    const target = validTarget(input.target, '/body/target');
    await assertScanAuthorised(trx, organisation.id, { host: target.host, port: target.port });
    const row = await trx
      .insertInto('scan_runs')
      .values({
        organisation_id: organisation.id,
        target: JSON.stringify(target.target),
        target_host: target.host,
        target_port: target.port ?? null,
        checks: input.checks ?? null,
        label: input.label ?? null,
        requested_by: actorUserId(ctx.actor),
        requested_by_label: actorLabel(ctx.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await jobs.send<ScanRunJob>(SCAN_RUN_QUEUE, { runId: row.id }, { executor: trx });
    await recordAudit(ctx, trx, {
      action: 'scan-run.requested',
      resourceType: 'scan_run',
      resourceId: row.id,
      organisationId: organisation.id,
      after: { target: target.target, checks: input.checks ?? null, label: input.label ?? null },
    });
    return presentRun(row);
  });
}

export async function listScanRuns(ctx: RequestContext, organisationId: string, filter: ScanRunListFilter) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const { items, total } = await findRuns(ctx.db, readScope(ctx), organisation.id, filter);
  return { organisationId: organisation.id, items: items.map(presentRun), total };
}

export async function getScanRun(ctx: RequestContext, id: string) {
  const row = await findRunById(ctx.db, readScope(ctx), id);
  if (!row) throw notFound('Der Scan-Lauf');
  return presentRunDetail(row);
}

export async function createScanSchedule(
  ctx: RequestContext,
  organisationId: string,
  input: CreateScheduleInput,
  now = new Date(),
) {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(ctx, trx, organisationId);
    assertPermitted(ctx, 'scan.run', organisation);
    const cron = checkCron(input.cron, input.timezone, now);
    if (!cron.ok) {
      throw new AppError('validation-failed', {
        detail: cron.message,
        errors: [{ pointer: `/body/${cron.field}`, message: cron.message }],
      });
    }
    const targets = input.targets.map((t, i) => validTarget(t, `/body/targets/${i}`));
    // Refused now rather than at 3 a.m.: each target needs an authorisation today as well.
    for (const target of targets) {
      await assertScanAuthorised(trx, organisation.id, { host: target.host, port: target.port });
    }
    const row = await trx
      .insertInto('scan_schedules')
      .values({
        organisation_id: organisation.id,
        name: input.name,
        cron: input.cron.trim().split(/\s+/).join(' '),
        timezone: input.timezone,
        targets: JSON.stringify(targets.map((t) => t.target)),
        next_run_at: cron.next,
        created_by: actorUserId(ctx.actor),
        created_by_label: actorLabel(ctx.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: 'scan-schedule.created',
      resourceType: 'scan_schedule',
      resourceId: row.id,
      organisationId: organisation.id,
      after: { name: row.name, cron: row.cron, timezone: row.timezone, targets: row.targets },
    });
    return presentSchedule(row);
  });
}

export async function listScanSchedules(ctx: RequestContext, organisationId: string) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const rows = await schedulesInScope(ctx.db, readScope(ctx))
    .where('scan_schedules.organisation_id', '=', organisation.id)
    .selectAll('scan_schedules')
    .orderBy('scan_schedules.created_at')
    .orderBy('scan_schedules.id')
    .execute();
  return { organisationId: organisation.id, items: rows.map(presentSchedule) };
}

async function lockSchedule(ctx: RequestContext, trx: Executor, id: string) {
  const row = await schedulesInScope(trx, readScope(ctx))
    .innerJoin('organisations', 'organisations.id', 'scan_schedules.organisation_id')
    .where('scan_schedules.id', '=', id)
    .selectAll('scan_schedules')
    .select('organisations.ancestor_ids')
    .forUpdate(['scan_schedules'])
    .executeTakeFirst();
  if (!row) throw notFound('Der Scan-Zeitplan');
  assertPermitted(ctx, 'scan.run', { id: row.organisation_id, ancestor_ids: row.ancestor_ids });
  return row;
}

/**
 * Pauses or resumes a schedule. Resuming plans the next run from now: runs missed while paused
 * are not caught up (a burst of scans after a maintenance window is what pausing avoids).
 */
export async function updateScanSchedule(
  ctx: RequestContext,
  id: string,
  input: UpdateScheduleInput,
  now = new Date(),
) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockSchedule(ctx, trx, id);
    if (input.paused === (row.paused_at !== null)) return presentSchedule(row);
    const updated = await trx
      .updateTable('scan_schedules')
      .set(
        input.paused
          ? { paused_at: now, paused_by_label: actorLabel(ctx.actor) }
          : {
              paused_at: null,
              paused_by_label: null,
              next_run_at: nextCronTime(row.cron, row.timezone, now),
            },
      )
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: input.paused ? 'scan-schedule.paused' : 'scan-schedule.resumed',
      resourceType: 'scan_schedule',
      resourceId: row.id,
      organisationId: row.organisation_id,
      after: { name: row.name, nextRunAt: updated.next_run_at.toISOString(), paused: input.paused },
    });
    return presentSchedule(updated);
  });
}

export async function deleteScanSchedule(ctx: RequestContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockSchedule(ctx, trx, id);
    await trx.deleteFrom('scan_schedules').where('id', '=', row.id).execute();
    await recordAudit(ctx, trx, {
      action: 'scan-schedule.deleted',
      resourceType: 'scan_schedule',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: { name: row.name, cron: row.cron, timezone: row.timezone, targets: row.targets },
    });
  });
}
