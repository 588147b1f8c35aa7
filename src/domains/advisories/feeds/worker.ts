/**
 * Background work of the advisory domain: every hour the enabled CSAF providers of every CERT
 * are polled, and notifications of warnings that could not be delivered at publication are
 * tried again.
 */
import type { Config } from '../../../platform/config.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { Jobs, QueueDefinition } from '../../../platform/jobs/jobs.ts';
import { createNotifier } from '../../../platform/notifications/notifications.ts';
import { dispatchWarningNotifications } from '../warnings/service.ts';
import type { PollReport } from './poll.ts';
import { pollFeedProvider } from './service.ts';

export const ADVISORY_FEED_QUEUE = 'advisories.feeds';
/** Minute 17 of every hour (UTC): providers publish on the hour, and polls should not all coincide. */
export const ADVISORY_FEED_CRON = '17 * * * *';

export const ADVISORY_QUEUES: readonly QueueDefinition[] = [
  { name: ADVISORY_FEED_QUEUE, retryLimit: 1, retryDelaySeconds: 300, expireInSeconds: 30 * 60 },
];

/** Polls every enabled provider as the system; one failing provider does not stop the others. */
export async function pollAllFeedProviders(database: Database, config: Config): Promise<PollReport[]> {
  const ctx = systemContext(database.db, 'csaf-feeds');
  const providers = await database.db
    .selectFrom('advisory_feed_providers')
    .select('id')
    .where('enabled', '=', true)
    .orderBy('created_at')
    .execute();
  const reports: PollReport[] = [];
  for (const provider of providers) reports.push(await pollFeedProvider(ctx, config, provider.id));
  return reports;
}

export async function startAdvisoryWorker(deps: {
  database: Database;
  config: Config;
  jobs: Jobs;
}): Promise<void> {
  const notifications = {
    notifier: createNotifier(deps.config.notifications),
    publicUrl: deps.config.publicUrl,
  };
  await deps.jobs.work(ADVISORY_FEED_QUEUE, { concurrency: 1 }, async () => {
    await pollAllFeedProviders(deps.database, deps.config);
    await dispatchWarningNotifications(deps.database.db, notifications);
  });
  await deps.jobs.schedule(ADVISORY_FEED_QUEUE, ADVISORY_FEED_CRON);
}
