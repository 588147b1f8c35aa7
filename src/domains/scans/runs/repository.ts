import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import { organisationInScope, type Scope } from '../../../platform/policy/policy.ts';
import type { ScanRunListFilter } from './schemas.ts';

export function runsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('scan_runs')
    .where((eb) => organisationInScope(eb, eb.ref('scan_runs.organisation_id'), scope));
}

const RUN_COLUMNS = [
  'scan_runs.id',
  'scan_runs.organisation_id',
  'scan_runs.target',
  'scan_runs.target_host',
  'scan_runs.target_port',
  'scan_runs.checks',
  'scan_runs.label',
  'scan_runs.requested_by_label',
  'scan_runs.schedule_id',
  'scan_runs.state',
  'scan_runs.reason',
  'scan_runs.attempts',
  'scan_runs.queued_at',
  'scan_runs.started_at',
  'scan_runs.finished_at',
  'scan_runs.summary',
] as const;

export async function findRuns(
  db: Executor,
  scope: Scope,
  organisationId: string,
  filter: ScanRunListFilter,
) {
  let query = runsInScope(db, scope).where('scan_runs.organisation_id', '=', organisationId);
  if (filter.state) query = query.where('scan_runs.state', '=', filter.state);
  const [items, total] = await Promise.all([
    query
      .select(RUN_COLUMNS)
      .orderBy('scan_runs.queued_at', 'desc')
      .orderBy('scan_runs.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
export type RunRecord = Awaited<ReturnType<typeof findRuns>>['items'][number];

export function findRunById(db: Executor, scope: Scope, id: string) {
  return runsInScope(db, scope)
    .where('scan_runs.id', '=', id)
    .select([...RUN_COLUMNS, 'scan_runs.results'])
    .executeTakeFirst();
}

/** The worker acts for the platform: it loads a run by the id its job carries, unscoped on purpose. */
export function unsafeLockRun(db: Executor, id: string) {
  return db.selectFrom('scan_runs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Runs started platform-wide within the last `seconds` (global rate limit), oldest start first. */
export async function unsafeRecentStarts(db: Executor, seconds: number) {
  const row = await db
    .selectFrom('scan_runs')
    .where('started_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      sql<number>`extract(epoch from (min(started_at) + make_interval(secs => ${seconds}) - now()))::float8`.as(
        'free_in',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), freeInSeconds: row.free_in ?? 0 };
}

/** Other runs now running against the host; runs whose start is older than `staleSeconds` died with their worker. */
export async function unsafeRunningOnHost(
  db: Executor,
  host: string,
  exceptId: string,
  staleSeconds: number,
) {
  const row = await db
    .selectFrom('scan_runs')
    .where('state', '=', 'running')
    .where('target_host', '=', host)
    .where('id', '<>', exceptId)
    .where('started_at', '>', sql<Date>`now() - make_interval(secs => ${staleSeconds})`)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function schedulesInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('scan_schedules')
    .where((eb) => organisationInScope(eb, eb.ref('scan_schedules.organisation_id'), scope));
}
