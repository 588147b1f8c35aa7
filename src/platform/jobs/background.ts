/**
 * The server's job queue: one `Jobs` per process with every domain's queues. With
 * BASTEI_WORKER=inline (the default) this process also works them; with `off` it only queues
 * and `bastei worker` processes do the work. Stopped before the database closes (onClose).
 */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { ADVISORY_QUEUES, startAdvisoryWorker } from '../../domains/advisories/feeds/worker.ts';
import type { RunOptions } from '../../domains/scans/checks/types.ts';
import { SCAN_QUEUES } from '../../domains/scans/runs/queues.ts';
import { startScanWorker } from '../../domains/scans/runs/worker.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { createJobs, type Jobs } from './jobs.ts';
import { createJobMetrics } from './metrics.ts';

export const ALL_QUEUES = [...SCAN_QUEUES, ...ADVISORY_QUEUES];

export interface BackgroundOptions {
  /** Work jobs in this process (default: config.worker === 'inline'). */
  worker?: boolean;
  /** Check options for scan runs (tests point them at loopback servers). */
  scanCheckOptions?: RunOptions;
  pollingIntervalSeconds?: number;
}

export function createQueue(
  database: Database,
  options: {
    worker: boolean;
    registry?: Registry;
    pollingIntervalSeconds?: number;
    onError?: (error: Error) => void;
  },
): Jobs {
  const metrics = options.registry ? createJobMetrics(options.registry) : undefined;
  const jobs = createJobs(database, {
    queues: ALL_QUEUES,
    supervise: options.worker,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    events: { ...metrics?.events, ...(options.onError ? { onError: options.onError } : {}) },
  });
  metrics?.attach(jobs);
  return jobs;
}

export async function startWorkers(
  database: Database,
  config: Config,
  jobs: Jobs,
  scanCheckOptions?: RunOptions,
): Promise<void> {
  await startScanWorker({
    database,
    jobs,
    settings: { ...config.scans, ...(scanCheckOptions ? { checkOptions: scanCheckOptions } : {}) },
  });
  await startAdvisoryWorker({ database, config, jobs });
}

/** Creates the queue for an HTTP app, starts workers when configured, stops it when the app closes. */
export async function startBackgroundJobs(
  app: FastifyInstance,
  deps: { database: Database; config: Config; registry: Registry; options?: BackgroundOptions },
): Promise<Jobs> {
  const worker = deps.options?.worker ?? deps.config.worker === 'inline';
  const jobs = createQueue(deps.database, {
    worker,
    registry: deps.registry,
    ...(deps.options?.pollingIntervalSeconds
      ? { pollingIntervalSeconds: deps.options.pollingIntervalSeconds }
      : {}),
    onError: (error) => app.log.error({ err: error }, 'job queue error'),
  });
  app.addHook('onClose', async () => {
    await jobs.stop();
  });
  if (worker) await startWorkers(deps.database, deps.config, jobs, deps.options?.scanCheckOptions);
  return jobs;
}
