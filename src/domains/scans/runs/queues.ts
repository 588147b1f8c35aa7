import type { QueueDefinition } from '../../../platform/jobs/jobs.ts';

export const SCAN_RUN_QUEUE = 'scan.run';
export const SCAN_SCHEDULE_QUEUE = 'scan.schedules';

export interface ScanRunJob {
  runId: string;
}

export const SCAN_QUEUES: readonly QueueDefinition[] = [
  // A run whose worker died is taken up again after expireInSeconds; checks time out long before.
  {
    name: SCAN_RUN_QUEUE,
    retryLimit: 2,
    retryDelaySeconds: 60,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
  },
  { name: SCAN_SCHEDULE_QUEUE, retryLimit: 1, retryDelaySeconds: 30, expireInSeconds: 5 * 60 },
];
