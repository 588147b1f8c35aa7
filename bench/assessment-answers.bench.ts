/**
 * Saving one answer (PUT /api/v1/assessments/{id}/answers/{requirementId}) with 20 concurrent
 * writers: 20 accounts of Stadt Halberstadt (the ISB and 19 members), each with its own session,
 * answer random questions of one Bastei-Basis self-assessment (257 questions).
 *
 *   npx tsx bench/assessment-answers.bench.ts        (BENCH_DURATION_S=10 by default)
 *
 * Three load shapes, after a warm-up:
 *  - one writer alone: the service time of one save (PGlite serves one statement at a time, so
 *    20 saturating writers wait about 20 × this);
 *  - closed loop: every writer sends its next save as soon as the previous one is answered
 *    (saturation: throughput and the latency under a full queue);
 *  - paced: every writer saves once every 500 ms (20 people typing and clicking, 40 saves/s).
 * The server runs as its own process on a temporary PGlite data folder (and, when
 * BASTEI_BENCH_DATABASE_URL or BASTEI_TEST_DATABASE_URL is set, on PostgreSQL too).
 * Goal: p99 < 30 ms.
 *
 * Latencies depend on what else runs on the machine; each line therefore also gives the CPU time
 * the server spent per save (Linux /proc; on PostgreSQL plus the database backends of the pool),
 * which hardly does. 20 writers sending at once wait about 20 × that for the last answer.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createAssessment } from '../src/domains/assessments/service.ts';
import { seedDemo } from '../src/domains/demo/seed.ts';
import { addMembership, createUser } from '../src/domains/users/service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Bench-Passwort-2026!';
const WRITERS = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const GOAL_P99_MS = 30;
const STATUSES = ['yes', 'partial', 'no', 'not_applicable', 'open'] as const;

interface Target {
  label: string;
  env: Record<string, string>;
}

async function prepare(target: Target): Promise<{ assessmentId: string; keys: string[]; emails: string[] }> {
  const config = loadConfig({
    ...target.env,
    BASTEI_DEMO_PASSWORD: PASSWORD,
    BASTEI_ARGON2_MEMORY_KIB: '1024',
    LOG_LEVEL: 'silent',
  });
  const database = await openDatabase(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url }
      : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  try {
    await migrate(database);
    await seedDemo(database.db, config);
    const ctx = systemContext(database.db, 'bench');
    const halberstadt = await database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', '150850135135')
      .executeTakeFirstOrThrow();
    const emails = ['isb.halberstadt@demo.bastei.local'];
    for (let i = 1; i < WRITERS; i++) {
      const email = `writer${String(i).padStart(2, '0')}@bench.bastei.local`;
      const user = await createUser(
        ctx,
        { email, displayName: `Schreiber ${i}`, password: PASSWORD, locale: 'de' },
        {
          argon2MemoryKiB: 1024,
        },
      );
      await addMembership(ctx, user.id, { organisationId: halberstadt.id, role: 'member' });
      emails.push(email);
    }
    const catalog = await database.db
      .selectFrom('catalogs')
      .select('id')
      .where('key', '=', 'bastei-basis')
      .executeTakeFirstOrThrow();
    const assessment = await createAssessment(ctx, {
      organisationId: halberstadt.id,
      catalogId: catalog.id,
      phase: 'self',
    });
    const keys = await database.db
      .selectFrom('assessment_answers')
      .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
      .select('catalog_requirements.requirement_key')
      .where('assessment_answers.assessment_id', '=', assessment.id)
      .execute();
    return { assessmentId: assessment.id, keys: keys.map((k) => k.requirement_key), emails };
  } finally {
    await database.close();
  }
}

function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['bin/bastei.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** User + system CPU time of processes in ms (Linux), or NaN where /proc is unavailable. */
function cpuMs(pids: number[]): number {
  try {
    let ticks = 0;
    for (const pid of pids) {
      // Fields after the command name (which may contain spaces): utime is the 12th, stime the 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

async function backendPids(url: string | undefined): Promise<number[]> {
  if (!url) return [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return result.rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, email: string): Promise<Session> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrf: body.csrfToken };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function run(
  base: string,
  sessions: Session[],
  assessmentId: string,
  keys: string[],
  options: { durationMs: number; paceMs: number | null; cpuPids?: () => Promise<number[]> },
) {
  const pids = (await options.cpuPids?.()) ?? [];
  const cpuBefore = cpuMs(pids);
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let n = 0;
  const end = performance.now() + options.durationMs;
  await Promise.all(
    sessions.map(async (session) => {
      let next = performance.now();
      while (performance.now() < end) {
        if (options.paceMs !== null) {
          next += options.paceMs;
          const wait = next - performance.now() - Math.random() * 20;
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const key = keys[Math.floor(Math.random() * keys.length)]!;
        const status = STATUSES[n++ % STATUSES.length];
        const start = performance.now();
        const response = await fetch(
          `${base}/api/v1/assessments/${assessmentId}/answers/${encodeURIComponent(key)}`,
          {
            method: 'PUT',
            headers: {
              'content-type': 'application/json',
              cookie: session.cookie,
              'x-csrf-token': session.csrf,
            },
            body: JSON.stringify({ status, justification: `Stand ${n}` }),
          },
        );
        if (response.status === 200) await response.arrayBuffer();
        latencies.push(performance.now() - start);
        if (response.status !== 200) {
          failures++;
          firstFailure ??= `${response.status} ${await response.text().catch(() => '')}`.slice(0, 300);
        }
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  return {
    cpuPerSave: (cpuMs(pids) - cpuBefore) / sorted.length,
    requests: sorted.length,
    failures,
    rps: sorted.length / (options.durationMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    firstFailure,
  };
}

async function benchTarget(target: Target): Promise<boolean> {
  const { assessmentId, keys, emails } = await prepare(target);
  const port = 3900 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const server = startServer({
    ...target.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    BASTEI_LOGIN_RATE_PER_MINUTE: '1000',
  });
  try {
    await waitFor(`${base}/readyz`);
    const sessions = await Promise.all(emails.map((email) => login(base, email)));
    await run(base, sessions, assessmentId, keys, { durationMs: 2_000, paceMs: null }); // warm-up
    const cpuPids = async () => [server.pid!, ...(await backendPids(target.env.DATABASE_URL || undefined))];
    const single = await run(base, sessions.slice(0, 1), assessmentId, keys, {
      durationMs: (DURATION_S * 1000) / 2,
      paceMs: null,
      cpuPids,
    });
    const closed = await run(base, sessions, assessmentId, keys, {
      durationMs: DURATION_S * 1000,
      paceMs: null,
      cpuPids,
    });
    const paced = await run(base, sessions, assessmentId, keys, {
      durationMs: DURATION_S * 1000,
      paceMs: 500,
      cpuPids,
    });
    const line = (name: string, r: Awaited<ReturnType<typeof run>>) =>
      `${target.label}: ${name}: ${r.requests} saves, ${r.rps.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, server CPU ${r.cpuPerSave.toFixed(2)} ms/save${r.failures ? `, ${r.failures} FAILED (first: ${r.firstFailure})` : ''}`;
    console.log(
      `${target.label}: load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    console.log(line('1 writer (service time of one save)', single));
    console.log(line(`${WRITERS} writers closed loop`, closed));
    console.log(line(`${WRITERS} writers paced (1 save / 500 ms each)`, paced));
    console.log(
      `${target.label}: goal p99 < ${GOAL_P99_MS} ms: closed loop ${closed.p99 < GOAL_P99_MS ? 'met' : 'NOT met'}, paced ${paced.p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`,
    );
    return single.failures + closed.failures + paced.failures === 0;
  } finally {
    await stop(server);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bastei-bench-answers-'));
let ok = true;
try {
  ok = await benchTarget({
    label: 'PGlite',
    env: { BASTEI_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
  });
  const serverUrl = process.env.BASTEI_BENCH_DATABASE_URL ?? process.env.BASTEI_TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bastei_bench_answers WITH (FORCE)');
    await admin.query('CREATE DATABASE bastei_bench_answers');
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = '/bastei_bench_answers';
    ok =
      (await benchTarget({
        label: 'PostgreSQL',
        env: { DATABASE_URL: url.toString(), BASTEI_FILES_DIR: join(dir, 'files') },
      })) && ok;
  } else {
    console.log('PostgreSQL: skipped (set BASTEI_BENCH_DATABASE_URL or run through .ci/with-postgres.sh)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
