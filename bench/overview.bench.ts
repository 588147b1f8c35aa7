/**
 * State overview and aggregates through the HTTP API (app.inject, so without network cost).
 *
 *   npx tsx bench/overview.bench.ts
 *
 * 1. Demo state on PGlite: 133 Kommunen × 257 answers. Also prints what the demo assessments
 *    add to the seed (first to last audit record of the demo assessments).
 * 2. National set (`bastei bench-data`, 10,953 Kommunen × 257 answers; BENCH_MUNICIPALITIES to
 *    change, BENCH_SKIP_PGLITE_NATIONAL=1 to skip) on PGlite.
 * 3. The same on PostgreSQL when BASTEI_BENCH_DATABASE_URL (or DATABASE_URL) names a server: a
 *    database bastei_bench_overview is created there (dropped first if present).
 * For each: the state overview of the ministry (all Kommunen of the largest Land in one page),
 * the topic distribution, and the observer's national aggregates; median and p95 over
 * BENCH_CALLS calls (50) after 3 warm-up calls.
 * Goals: state overview < 50 ms (133 × 257, PGlite) and < 100 ms (national set, PostgreSQL);
 * national aggregates < 1 s on PostgreSQL.
 */
import { cpus, loadavg } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { seedDemo } from '../src/domains/demo/seed.ts';
import { DEFAULT_BENCH_MUNICIPALITIES, generateBenchData } from '../src/domains/overview/bench-data.ts';
import { addMembership, createUser } from '../src/domains/users/service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext } from '../src/platform/context.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/platform/http/app.ts';

const PASSWORD = 'Bench-Passwort-2026!';
const CALLS = Number(process.env.BENCH_CALLS ?? 50);
const MUNICIPALITIES = Number(process.env.BENCH_MUNICIPALITIES ?? DEFAULT_BENCH_MUNICIPALITIES);
const config = loadConfig({
  BASTEI_DEMO_PASSWORD: PASSWORD,
  BASTEI_ARGON2_MEMORY_KIB: '1024',
  BASTEI_LOGIN_RATE_PER_MINUTE: '10000',
  BASTEI_WORKER: 'off',
  LOG_LEVEL: 'silent',
});

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function login(app: FastifyInstance, email: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.body}`);
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

async function measure(app: FastifyInstance, label: string, cookie: string, url: string, goalMs?: number) {
  const call = async () => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return { ms: performance.now() - started, bytes: response.rawPayload.length };
  };
  for (let i = 0; i < 3; i++) await call();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < CALLS; i++) {
    const r = await call();
    times.push(r.ms);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  const median = quantile(times, 0.5);
  const verdict =
    goalMs === undefined
      ? ''
      : median < goalMs
        ? `  (goal < ${goalMs} ms: met)`
        : `  (goal < ${goalMs} ms: MISSED)`;
  console.log(
    `  ${label.padEnd(46)} median ${median.toFixed(1).padStart(7)} ms  p95 ${quantile(times, 0.95).toFixed(1).padStart(7)} ms  min ${times[0]!.toFixed(1).padStart(7)} ms  ${(bytes / 1024).toFixed(0)} KiB${verdict}`,
  );
}

/** Load of the machine and a reference figure, so the other figures can be read in context. */
async function calibrate(database: Database, label: string) {
  const started = performance.now();
  await sql`select count(*) from assessment_answers`.execute(database.db);
  console.log(
    `  [${label}] load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; count(*) over assessment_answers ${(performance.now() - started).toFixed(1)} ms`,
  );
}

async function largestState(database: Database) {
  return database.db
    .selectFrom('organisations as k')
    .innerJoin('organisations as s', (join) => join.on((eb) => eb('s.type', '=', 'state')))
    .select(['s.id', 's.name'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('k.type', '=', 'municipality')
    .where((eb) => eb('s.id', '=', eb.fn.any('k.ancestor_ids')))
    .where('s.ars', 'like', '9%')
    .groupBy(['s.id', 's.name'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

async function national(database: Database, label: string, goals: { state?: number; aggregates?: number }) {
  const started = performance.now();
  const result = await generateBenchData(database.db, { municipalities: MUNICIPALITIES, seed: 'bench' });
  console.log(
    `  bench-data: ${result.municipalities} Kommunen, ${result.assessments} assessments, ${result.answers} answers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const state = await largestState(database);
  const ctx = systemContext(database.db, 'bench');
  const user = await createUser(
    ctx,
    {
      email: 'ministerium.gross@bench.bastei.local',
      displayName: 'Ministerium',
      password: PASSWORD,
      locale: 'de',
    },
    { argon2MemoryKiB: 1024 },
  );
  await addMembership(ctx, user.id, { organisationId: state.id, role: 'programme_manager' });
  const app = await buildApp({ database, config, logger: false, webRoot: false });
  await app.ready();
  try {
    const ministry = await login(app, 'ministerium.gross@bench.bastei.local');
    const observer = await login(app, 'bsi@demo.bastei.local');
    console.log(`${label}: largest Land ${state.name} with ${state.n} Kommunen`);
    await calibrate(database, label);
    await measure(
      app,
      `state overview (${state.n} Kommunen, one page)`,
      ministry,
      '/api/v1/overview/municipalities?limit=500&sort=score',
      goals.state,
    );
    await measure(app, 'state overview, first 50 by name', ministry, '/api/v1/overview/municipalities');
    // The page the list screen asks for (StateOverview: 25 by name); the map asks for 500 by name.
    await measure(
      app,
      'state overview, UI page (25 by name)',
      ministry,
      '/api/v1/overview/municipalities?limit=25',
    );
    await measure(
      app,
      'state overview, map (500 by name)',
      ministry,
      '/api/v1/overview/municipalities?limit=500',
    );
    await measure(app, 'state topic distribution', ministry, '/api/v1/overview/topics');
    await measure(
      app,
      'national aggregates (observer)',
      observer,
      '/api/v1/overview/aggregates',
      goals.aggregates,
    );
  } finally {
    await app.close();
  }
}

async function demo(database: Database, label: string, goal?: number) {
  const started = performance.now();
  await migrate(database);
  await seedDemo(database.db, config);
  const seeded = performance.now() - started;
  const span = await database.db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.min('occurred_at').as('first'), eb.fn.max('occurred_at').as('last')])
    .where((eb) =>
      eb.or([
        eb('action', 'like', 'assessment.%'),
        eb('action', 'like', 'measure.%'),
        eb('action', 'like', 'demo.%'),
      ]),
    )
    .executeTakeFirstOrThrow();
  const demoMs = new Date(span.last as Date).getTime() - new Date(span.first as Date).getTime();
  console.log(
    `${label}: migrate + demo seed ${(seeded / 1000).toFixed(1)} s, of which demo assessments ~${(demoMs / 1000).toFixed(1)} s`,
  );
  const app = await buildApp({ database, config, logger: false, webRoot: false });
  await app.ready();
  try {
    const ministry = await login(app, 'ministerium@demo.bastei.local');
    const observer = await login(app, 'bsi@demo.bastei.local');
    await calibrate(database, label);
    await measure(
      app,
      'state overview (133 Kommunen, one page)',
      ministry,
      '/api/v1/overview/municipalities?limit=500',
      goal,
    );
    await measure(
      app,
      'state overview, first 50 by score',
      ministry,
      '/api/v1/overview/municipalities?sort=score',
    );
    await measure(app, 'topic distribution', ministry, '/api/v1/overview/topics');
    await measure(app, 'aggregates (observer)', observer, '/api/v1/overview/aggregates');
  } finally {
    await app.close();
  }
}

const pglite = await openDatabase({ kind: 'pglite', dataDir: null });
try {
  await demo(pglite, 'PGlite, demo state', 50);
  if (process.env.BENCH_SKIP_PGLITE_NATIONAL)
    console.log('PGlite national set skipped (BENCH_SKIP_PGLITE_NATIONAL)');
  else await national(pglite, 'PGlite, national set', {});
} finally {
  await pglite.close();
}

const serverUrl = process.env.BASTEI_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!serverUrl) {
  console.log('PostgreSQL skipped: set BASTEI_BENCH_DATABASE_URL (or DATABASE_URL).');
} else {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS bastei_bench_overview WITH (FORCE)');
  await admin.query('CREATE DATABASE bastei_bench_overview');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/bastei_bench_overview';
  const server = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await demo(server, 'PostgreSQL, demo state');
    await national(server, 'PostgreSQL, national set', { state: 100, aggregates: 1000 });
  } finally {
    await server.close();
  }
}
