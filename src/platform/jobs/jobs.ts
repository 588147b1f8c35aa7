/**
 * Background jobs in PostgreSQL through pg-boss 10 (DESIGN.md §4: a SKIP LOCKED queue, no broker).
 *
 * pg-boss talks to the database through our Kysely instance (its `db` option) on both backends:
 * on PGlite that is the only way (one session, guarded by the driver's FIFO lock), on PostgreSQL it
 * keeps one pool per process. pg-boss sends parameterless multi-statement scripts (schema install,
 * migrations); PGlite runs those only through `exec`, so the adapter falls back to it.
 *
 * Jobs are rows: they survive restarts; a job whose process died is retried after `expireInSeconds`
 * (pg-boss's supervisor). `send` can join the caller's transaction, so a job exists exactly when the
 * row that asked for it was committed.
 */
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database, Executor } from '../db/database.ts';

export interface QueueDefinition {
  name: string;
  /** Attempts after the first failure (default 2). */
  retryLimit?: number;
  /** Seconds before the first retry; doubled per attempt with `retryBackoff` (default 30 s, backoff on). */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job still active after this long counts as failed (its worker died) and is retried. */
  expireInSeconds?: number;
}

export interface SendOptions {
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /** Insert inside this transaction (commits or rolls back with the caller's write). */
  executor?: Executor;
}

export interface Job<T> {
  id: string;
  queue: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

export interface WorkOptions {
  /** Jobs of this queue handled at once by this process (default 1). */
  concurrency?: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobEvents {
  onJobFinished?: (queue: string, outcome: 'completed' | 'failed', seconds: number) => void;
  onError?: (error: Error) => void;
}

export interface Jobs {
  /** Installs pg-boss's schema and the queues; idempotent, also done by the first `send`. */
  start(): Promise<void>;
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<string>;
  /** Sends `data` to `queue` at every match of the cron expression (UTC); one schedule per queue. */
  schedule<T extends object>(queue: string, cron: string, data?: T): Promise<void>;
  unschedule(queue: string): Promise<void>;
  /** Handles jobs of `queue` in this process until `stop`. Throwing fails the attempt (retry with backoff). */
  work<T>(queue: string, options: WorkOptions, handler: JobHandler<T>): Promise<void>;
  /** Jobs per queue and state (metrics, tests). */
  counts(): Promise<{ queue: string; state: JobState; count: number }[]>;
  /** Jobs this process is handling right now, per queue. */
  active(): Map<string, number>;
  /** Stops fetching, waits up to `timeoutMs` for running handlers, then fails what is left (retried later). */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobsOptions {
  queues: readonly QueueDefinition[];
  /** Poll interval of idle workers (pg-boss minimum 0.5 s); a `send` in this process wakes them at once. */
  pollingIntervalSeconds?: number;
  /** Maintenance (expiry, archive) and cron: on for worker processes, off for API-only processes. */
  supervise?: boolean;
  events?: JobEvents;
}

const SCHEMA = 'pgboss';

/** pg-boss's database port over a Kysely executor (database or open transaction). */
function adapter(executor: Executor, database?: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      try {
        const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []));
        return { rows: result.rows as unknown[] };
      } catch (error) {
        // Only PGlite refuses several commands in one statement; pg-boss ignores such scripts' rows.
        if (database && !values?.length && /multiple commands/i.test(String(error))) {
          await database.exec(text);
          return { rows: [] };
        }
        throw error;
      }
    },
  } as PgBoss.Db;
}

export function createJobs(database: Database, options: JobsOptions): Jobs {
  const supervise = options.supervise ?? true;
  const boss = new PgBoss({
    db: adapter(database.db, database),
    schema: SCHEMA,
    supervise,
    schedule: supervise,
    migrate: true,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    // Clock skew between this process and the database only matters for cron; check hourly.
    clockMonitorIntervalMinutes: 10,
  });
  boss.on('error', (error: Error) => options.events?.onError?.(error));
  const definitions = new Map(options.queues.map((q) => [q.name, q]));
  const workerIds = new Map<string, string[]>();
  const activeCount = new Map<string, number>();
  const running = new Set<Promise<unknown>>();
  let starting: Promise<void> | undefined;
  let stopped = false;

  const queueOptions = (q: QueueDefinition) => ({
    name: q.name,
    retryLimit: q.retryLimit ?? 2,
    retryDelay: q.retryDelaySeconds ?? 30,
    retryBackoff: q.retryBackoff ?? true,
    expireInSeconds: q.expireInSeconds ?? 15 * 60,
  });

  const start = () => {
    starting ??= (async () => {
      await boss.start();
      for (const q of definitions.values()) {
        const existing = await boss.getQueue(q.name);
        if (existing) await boss.updateQueue(q.name, queueOptions(q));
        else await boss.createQueue(q.name, queueOptions(q));
      }
    })();
    return starting;
  };

  const requireQueue = (queue: string) => {
    if (!definitions.has(queue)) throw new Error(`unknown job queue ${queue}`);
  };

  return {
    start,
    async send(queue, data, sendOptions = {}) {
      requireQueue(queue);
      await start();
      const id = await boss.send(queue, data, {
        ...(sendOptions.startAfterSeconds ? { startAfter: Math.ceil(sendOptions.startAfterSeconds) } : {}),
        ...(sendOptions.executor ? { db: adapter(sendOptions.executor) } : {}),
      });
      if (!id) throw new Error(`job for ${queue} was not queued`);
      // Idle workers of this process fetch at once instead of at their next poll.
      if (!sendOptions.startAfterSeconds) for (const w of workerIds.get(queue) ?? []) boss.notifyWorker(w);
      return id;
    },
    async schedule(queue, cron, data) {
      requireQueue(queue);
      await start();
      await boss.schedule(queue, cron, data ?? {}, { tz: 'UTC' });
    },
    async unschedule(queue) {
      await start();
      await boss.unschedule(queue);
    },
    async work<T>(queue: string, workOptions: WorkOptions, handler: JobHandler<T>) {
      requireQueue(queue);
      if (stopped) throw new Error('jobs are stopped');
      await start();
      const ids = workerIds.get(queue) ?? [];
      workerIds.set(queue, ids);
      for (let i = 0; i < Math.max(1, workOptions.concurrency ?? 1); i += 1) {
        const holder: { id?: string } = {};
        const id = await boss.work<T>(queue, { batchSize: 1, includeMetadata: true }, async ([job]) => {
          if (!job) return;
          activeCount.set(queue, (activeCount.get(queue) ?? 0) + 1);
          const started = performance.now();
          const meta = job as unknown as { retryCount?: number; retryLimit?: number };
          const done = handler({
            id: job.id,
            queue,
            data: job.data,
            retryCount: meta.retryCount ?? 0,
            retryLimit: meta.retryLimit ?? 0,
          });
          running.add(done);
          try {
            await done;
            options.events?.onJobFinished?.(queue, 'completed', (performance.now() - started) / 1000);
          } catch (error) {
            options.events?.onJobFinished?.(queue, 'failed', (performance.now() - started) / 1000);
            throw error;
          } finally {
            running.delete(done);
            activeCount.set(queue, (activeCount.get(queue) ?? 1) - 1);
            // A busy queue is drained without waiting for the next poll.
            if (holder.id && !stopped) boss.notifyWorker(holder.id);
          }
        });
        holder.id = id;
        ids.push(id);
      }
    },
    async counts() {
      const result = await database.db.executeQuery<{ queue: string; state: JobState; count: number }>(
        CompiledQuery.raw(
          `select name as queue, state::text as state, count(*)::int as count from ${SCHEMA}.job group by name, state order by name, state`,
          [],
        ),
      );
      return result.rows;
    },
    active: () => new Map(activeCount),
    async stop(timeoutMs = 30_000) {
      if (stopped) return;
      stopped = true;
      if (!starting) return;
      await starting.catch(() => undefined);
      await boss.stop({ graceful: true, close: false, wait: true, timeout: timeoutMs });
      await Promise.allSettled([...running]);
    },
  };
}
