/**
 * Incident reports benchmark (issue 6, item 1), through the service into the database:
 * 1. report BENCH_INCIDENTS incidents (default 2,000) spread over Sachsen-Anhalt's Kommunen, one
 *    transaction each (report + first version + audit entry);
 * 2. the CERT's views: the newest page of 50, the `overdue=true` filter over all reports (done in
 *    memory after the SQL pre-filter, because TLP decides visibility), and one full report.
 *    Budgets: page < 150 ms, overdue < 1,000 ms, one report < 100 ms (medians).
 *
 *   npx tsx bench/incidents.bench.ts
 *
 * Embedded PGlite (in memory), migrated and demo-seeded; awareness times spread over 30 days so
 * about half the reports are past their notification deadline.
 */
import { seedDemo } from '../src/domains/demo/seed.ts';
import { ReportBody } from '../src/domains/incidents/schemas.ts';
import { createIncident, getIncident, listIncidents } from '../src/domains/incidents/service.ts';
import { reportBody } from '../src/domains/incidents/test-support.ts';
import { buildUserContext } from '../src/platform/auth/load-context.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 2000);
const RUNS = 20;
const HOUR = 3_600_000;

const database = await openDatabase({ kind: 'pglite', dataDir: null });
await migrate(database);
await seedDemo(
  database.db,
  loadConfig({ BASTEI_DEMO_PASSWORD: 'Bench-Passwort-2026!', LOG_LEVEL: 'silent' }),
);
const db = database.db;
const kommunen = await db
  .selectFrom('organisations')
  .select('id')
  .where('type', 'in', ['municipality', 'district'])
  .where('ars', 'like', '15%')
  .execute();
const system = systemContext(db, 'bench');

let start = performance.now();
for (let i = 0; i < INCIDENTS; i++) {
  const aware = Date.now() - ((i * 37) % (30 * 24)) * HOUR - HOUR;
  const report = ReportBody.parse(
    reportBody({
      title: `Vorfall ${i}`,
      startedAt: new Date(aware - 3 * HOUR).toISOString(),
      detectedAt: new Date(aware - HOUR).toISOString(),
      awareAt: new Date(aware).toISOString(),
    }),
  );
  await createIncident(system, {
    organisationId: kommunen[i % kommunen.length]!.id,
    kind: i % 3 === 0 ? 'notification' : 'early_warning',
    report,
  });
}
const reportMs = performance.now() - start;

const certUser = await db
  .selectFrom('users')
  .select(['id', 'email'])
  .where('email', '=', 'cert@demo.bastei.local')
  .executeTakeFirstOrThrow();
const cert = await buildUserContext(
  db,
  { kind: 'user', userId: certUser.id, email: certUser.email },
  'bench',
);

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const page = await median(() => listIncidents(cert, { limit: 50, offset: 0 }));
let overdueCount = 0;
const overdue = await median(async () => {
  overdueCount = (await listIncidents(cert, { limit: 50, offset: 0, overdue: true })).total;
});
const anyId = (await listIncidents(cert, { limit: 1, offset: 0 })).items[0]!.id;
const one = await median(() => getIncident(cert, anyId));

const line = (name: string, ms: number, budget: number) =>
  console.log(
    `${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms   budget ${budget} ms ${ms <= budget ? 'ok' : 'EXCEEDED'}`,
  );
console.log(`incidents: ${INCIDENTS} reports over ${kommunen.length} Kommunen, ${overdueCount} overdue`);
console.log(
  `report (service, one transaction each)       ${(reportMs / INCIDENTS).toFixed(2).padStart(9)} ms per report (${(reportMs / 1000).toFixed(1)} s total)`,
);
line('CERT list, newest 50 (median)', page, 150);
line('CERT list, overdue=true over all (median)', overdue, 1000);
line('CERT one report with case (median)', one, 100);
await database.close();
