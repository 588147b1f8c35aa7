import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { JobEvents, Jobs } from './jobs.ts';

/**
 * Prometheus view of the queue: jobs per queue and state (read from the database at scrape time,
 * so every worker process reports the same totals), plus what this process handled.
 */
export function createJobMetrics(registry: Registry): { events: JobEvents; attach(jobs: Jobs): void } {
  let source: Jobs | undefined;
  new Gauge({
    name: 'bastei_jobs',
    help: 'Jobs in the queue by queue and state (database-wide)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!source) return;
      try {
        for (const row of await source.counts()) this.set({ queue: row.queue, state: row.state }, row.count);
      } catch {
        // Before the first job the queue schema may not exist yet: report nothing rather than fail the scrape.
      }
    },
  });
  new Gauge({
    name: 'bastei_jobs_active_in_process',
    help: 'Jobs this process is handling right now',
    labelNames: ['queue'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [queue, count] of source?.active() ?? []) this.set({ queue }, count);
    },
  });
  const finished = new Counter({
    name: 'bastei_jobs_finished_total',
    help: 'Job attempts finished by this process, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'bastei_job_duration_seconds',
    help: 'Duration of job attempts in this process',
    labelNames: ['queue'] as const,
    buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });
  return {
    events: {
      onJobFinished(queue, outcome, seconds) {
        finished.inc({ queue, outcome });
        duration.observe({ queue }, seconds);
      },
    },
    attach(jobs) {
      source = jobs;
    },
  };
}
