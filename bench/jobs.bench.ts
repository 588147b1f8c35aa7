/**
 * Job queue throughput on PGlite (in memory, one session): pg-boss 10 through our Kysely adapter.
 * 1. send: jobs queued one by one (each its own statement).
 * 2. work: the same jobs drained by a no-op handler at concurrency 1 and 4 (one process).
 * 3. latency: send → handler start for single jobs on an idle worker (notified in-process).
 *
 *   npx tsx bench/jobs.bench.ts [jobs]
 */
import { openDatabase } from '../src/platform/db/database.ts';
import { createJobs } from '../src/platform/jobs/jobs.ts';

const total = Number(process.argv[2] ?? 1000);

async function waitUntil(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const database = await openDatabase({ kind: 'pglite', dataDir: null });
const queues = [{ name: 'bench.c1' }, { name: 'bench.c4' }, { name: 'bench.latency' }];
const jobs = createJobs(database, { queues, pollingIntervalSeconds: 0.5 });
let t = performance.now();
await jobs.start();
console.log(`pg-boss schema install: ${(performance.now() - t).toFixed(0)} ms`);

for (const [queue, concurrency] of [
  ['bench.c1', 1],
  ['bench.c4', 4],
] as const) {
  t = performance.now();
  for (let i = 0; i < total; i += 1) await jobs.send(queue, { i });
  const sendSeconds = (performance.now() - t) / 1000;
  let done = 0;
  t = performance.now();
  await jobs.work(queue, { concurrency }, async () => {
    done += 1;
  });
  await waitUntil(() => done === total);
  const workSeconds = (performance.now() - t) / 1000;
  console.log(
    `${queue}: send ${(total / sendSeconds).toFixed(0)} jobs/s, work (concurrency ${concurrency}) ${(total / workSeconds).toFixed(0)} jobs/s`,
  );
}

const latencies: number[] = [];
let sentAt = 0;
let handled = 0;
await jobs.work('bench.latency', {}, async () => {
  latencies.push(performance.now() - sentAt);
  handled += 1;
});
for (let i = 0; i < 50; i += 1) {
  sentAt = performance.now();
  await jobs.send('bench.latency', { i });
  await waitUntil(() => handled === i + 1);
}
latencies.sort((a, b) => a - b);
console.log(
  `latency send → handler (idle worker, 50 jobs): median ${latencies[25]!.toFixed(1)} ms, p95 ${latencies[47]!.toFixed(1)} ms`,
);
await jobs.stop();
await database.close();
