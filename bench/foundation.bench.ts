/**
 * Foundation figures (issue 2):
 *  - start of the server on an existing data folder until /readyz answers, and idle RSS;
 *  - authenticated scoped read GET /api/v1/organisations/{id} (autocannon, 10 connections)
 *    next to a bare Fastify route running the same SQL through the same driver.
 * On PostgreSQL too when BASTEI_BENCH_DATABASE_URL is set (e.g. via .ci/with-postgres.sh,
 * which sets BASTEI_TEST_DATABASE_URL; that is used as a fallback).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Bench-Passwort-2026!';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return performance.now() - start;
    } catch {
      // not listening yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number.parseInt(line.replace(/\D+/g, ''), 10) / 1024;
};

async function cannon(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: 10, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function benchTarget(label: string, env: Record<string, string>, bareTarget: string) {
  const port = 3400 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const serverEnv = {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    BASTEI_DEMO_PASSWORD: PASSWORD,
  };
  // First start creates and seeds the database; the measured start reopens it.
  let server = startProcess(['bin/bastei.js', 'serve', '--demo'], serverEnv);
  await waitFor(`${base}/readyz`, 120_000);
  await stop(server);
  const t0 = performance.now();
  server = startProcess(['bin/bastei.js', 'serve', '--demo'], serverEnv);
  await waitFor(`${base}/readyz`);
  const startMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 3000));
  const idleRss = rssMb(server.pid!);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'isb.halberstadt@demo.bastei.local', password: PASSWORD }),
  });
  const me = (await login.json()) as { memberships: { organisationId: string }[] };
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const organisationId = me.memberships[0]!.organisationId;
  const scoped = await cannon(`${base}/api/v1/organisations/${organisationId}`, { cookie });
  const loadedRss = rssMb(server.pid!);
  await stop(server);

  const barePort = port + 1;
  const scope = JSON.stringify({ all: false, organisationIds: [organisationId], subtreeRootIds: [] });
  const bare = startProcess(
    ['--import', 'tsx', 'bench/bare-server.ts', bareTarget, String(barePort), scope],
    {},
  );
  await waitFor(`http://127.0.0.1:${barePort}/bare/${organisationId}`);
  const bareResult = await cannon(`http://127.0.0.1:${barePort}/bare/${organisationId}`, {});
  await stop(bare);

  console.log(
    `${label}: start to /readyz ${startMs.toFixed(0)} ms (goal < 3000); idle RSS ${idleRss.toFixed(0)} MB, after load ${loadedRss.toFixed(0)} MB (goal < 250)`,
  );
  console.log(
    `${label}: GET /api/v1/organisations/{id} ${scoped.rps.toFixed(0)} req/s, p99 ${scoped.p99} ms | bare route ${bareResult.rps.toFixed(0)} req/s, p99 ${bareResult.p99} ms | ratio ${(scoped.rps / bareResult.rps).toFixed(2)} (goal ≥ 0.6)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'bastei-bench-'));
try {
  const dataDir = join(dir, 'data');
  await benchTarget('PGlite', { BASTEI_DATA_DIR: dataDir, DATABASE_URL: '' }, dataDir);
  const serverUrl = process.env.BASTEI_BENCH_DATABASE_URL ?? process.env.BASTEI_TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bastei_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE bastei_bench');
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = '/bastei_bench';
    await benchTarget('PostgreSQL', { DATABASE_URL: url.toString() }, url.toString());
  } else {
    console.log('PostgreSQL: skipped (set BASTEI_BENCH_DATABASE_URL or run through .ci/with-postgres.sh)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
