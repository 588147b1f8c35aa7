/**
 * The job queue on the test database (PGlite, or PostgreSQL with BASTEI_TEST_DATABASE_URL):
 * work, concurrency, retries with backoff, final failure, transactional send, graceful stop,
 * restart survival (PGlite data folder) and the Prometheus figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { createJobs, type Jobs } from './jobs.ts';
import { createJobMetrics } from './metrics.ts';
import { waitFor } from './test-support.ts';

const QUEUES = [
  { name: 'test.echo' },
  { name: 'test.flaky', retryLimit: 3, retryDelaySeconds: 1, retryBackoff: true },
  { name: 'test.broken', retryLimit: 1, retryDelaySeconds: 1, retryBackoff: false },
  { name: 'test.slow' },
  { name: 'test.tx' },
  { name: 'test.metrics' },
];

let database: Database;
const open: Jobs[] = [];
const jobsOn = (db: Database, extra: Partial<Parameters<typeof createJobs>[1]> = {}) => {
  const jobs = createJobs(db, { queues: QUEUES, pollingIntervalSeconds: 0.5, ...extra });
  open.push(jobs);
  return jobs;
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const jobs of open) await jobs.stop(2000);
  await database.close();
});

const stateCount = async (jobs: Jobs, queue: string, state: string) =>
  (await jobs.counts()).find((c) => c.queue === queue && c.state === state)?.count ?? 0;

describe('jobs (pg-boss on our database)', () => {
  it('works sent jobs with typed data, several at once', async () => {
    const jobs = jobsOn(database);
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    await jobs.work<{ n: number }>('test.echo', { concurrency: 3 }, async (job) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      seen.push(job.data.n);
      inFlight -= 1;
    });
    for (let n = 0; n < 9; n += 1) await jobs.send('test.echo', { n });
    await waitFor(() => seen.length === 9, 15_000);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    await waitFor(async () => (await stateCount(jobs, 'test.echo', 'completed')) === 9, 5000);
  });

  it('retries a failing job with growing delays until it succeeds', async () => {
    const jobs = jobsOn(database);
    const attempts: { retryCount: number; at: number }[] = [];
    await jobs.work<{ x: number }>('test.flaky', {}, async (job) => {
      attempts.push({ retryCount: job.retryCount, at: Date.now() });
      if (job.retryCount < 2) throw new Error('vorübergehend nicht erreichbar');
    });
    await jobs.send('test.flaky', { x: 1 });
    await waitFor(() => attempts.length === 3, 20_000);
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    // Backoff: the second pause is longer than the first (1 s, then about 2 s).
    const first = attempts[1]!.at - attempts[0]!.at;
    const second = attempts[2]!.at - attempts[1]!.at;
    expect(first).toBeGreaterThanOrEqual(900);
    expect(second).toBeGreaterThan(first);
    await waitFor(async () => (await stateCount(jobs, 'test.flaky', 'completed')) === 1, 5000);
  });

  it('marks a job failed once its retries are used up', async () => {
    const jobs = jobsOn(database);
    let calls = 0;
    await jobs.work('test.broken', {}, async () => {
      calls += 1;
      throw new Error('kaputt');
    });
    await jobs.send('test.broken', {});
    await waitFor(async () => (await stateCount(jobs, 'test.broken', 'failed')) === 1, 15_000);
    expect(calls).toBe(2);
  });

  it('queues a job only when the sending transaction commits', async () => {
    const jobs = jobsOn(database, { supervise: false });
    await jobs.start();
    await database.db
      .transaction()
      .execute(async (trx) => {
        await jobs.send('test.tx', { keep: false }, { executor: trx });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await database.db.transaction().execute(async (trx) => {
      await jobs.send('test.tx', { keep: true }, { executor: trx });
    });
    expect(await stateCount(jobs, 'test.tx', 'created')).toBe(1);
  });

  it('lets a running job finish when stopped, and fetches nothing after', async () => {
    const jobs = createJobs(database, { queues: QUEUES, pollingIntervalSeconds: 0.5 });
    let finished = 0;
    let started = 0;
    await jobs.work('test.slow', {}, async () => {
      started += 1;
      await new Promise((resolve) => setTimeout(resolve, 700));
      finished += 1;
    });
    await jobs.send('test.slow', {});
    await waitFor(() => started === 1, 5000);
    await jobs.stop(5000);
    expect(finished).toBe(1);
    await jobs.send('test.slow', {}).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(started).toBe(1);
  });

  it('reports queue figures to Prometheus', async () => {
    const registry = new Registry();
    const metrics = createJobMetrics(registry);
    const jobs = jobsOn(database, { events: metrics.events });
    metrics.attach(jobs);
    let done = 0;
    await jobs.work('test.metrics', {}, async () => {
      done += 1;
    });
    await jobs.send('test.metrics', { n: 99 });
    await waitFor(() => done === 1, 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = await registry.metrics();
    expect(text).toMatch(/bastei_jobs\{queue="test.metrics",state="completed"\} \d+/);
    expect(text).toMatch(/bastei_jobs_finished_total\{queue="test.metrics",outcome="completed"\} 1/);
  });
});

describe('jobs survive a restart', () => {
  it('works a job sent before the database was closed (PGlite data folder)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bastei-jobs-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: dir });
      const sender = createJobs(first, { queues: QUEUES, supervise: false });
      await sender.send('test.echo', { n: 42 });
      await sender.stop();
      await first.close();

      const second = await openDatabase({ kind: 'pglite', dataDir: dir });
      const worker = createJobs(second, { queues: QUEUES, pollingIntervalSeconds: 0.5 });
      const seen: number[] = [];
      await worker.work<{ n: number }>('test.echo', {}, async (job) => {
        seen.push(job.data.n);
      });
      await waitFor(() => seen.length === 1, 10_000);
      expect(seen).toEqual([42]);
      await worker.stop();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
