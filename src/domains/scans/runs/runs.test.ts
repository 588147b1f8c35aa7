/**
 * Scan runs through the HTTP API with the worker in the app, against loopback servers only:
 * `www.kommune.test` and `mail.kommune.test` resolve to 127.0.0.1 through the checks' static
 * address map, every standard port the checks touch is switched off except 443/80, which point
 * at test servers. Authorisations are recorded through the assets API.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PASSWORD, TestClient, testConfig } from '../../../../test/helpers.ts';
import type { Database } from '../../../platform/db/database.ts';
import { buildApp } from '../../../platform/http/app.ts';
import { waitFor } from '../../../platform/jobs/test-support.ts';
import { demoEmail, PILOT_ARS } from '../../demo/seed.ts';
import {
  allPortsOff,
  createPki,
  type Pki,
  type RunningServer,
  startHttpServer,
  startHttpsServer,
} from '../checks/test-support.ts';
import type { RunOptions } from '../checks/types.ts';

let pki: Pki;
const servers: RunningServer[] = [];
let checkOptions: RunOptions;
let slowPort: number;

beforeAll(async () => {
  pki = await createPki();
  const [bad, plain] = await Promise.all([
    startHttpsServer({ key: pki.key1024, cert: pki.certs.terrible, minVersion: 'TLSv1' }),
    startHttpServer({}),
  ]);
  servers.push(bad, plain);
  // Answers after a pause, so two runs against it would overlap if the per-host limit failed.
  const slow = https.createServer({ key: pki.leafKey, cert: pki.certs.good }, (_req, res) => {
    setTimeout(() => res.end('langsam'), 600);
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
  slowPort = (slow.address() as AddressInfo).port;
  servers.push({ port: slowPort, close: () => new Promise((r) => slow.close(() => r())) });
  checkOptions = {
    addresses: { 'www.kommune.test': '127.0.0.1', 'mail.kommune.test': '127.0.0.1' },
    ports: { ...allPortsOff(), 443: bad.port, 80: plain.port },
    caCertificates: [pki.ca],
    timeoutMs: 4000,
  };
}, 90_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await pki?.cleanup();
});

interface Harness {
  database: Database;
  app: Awaited<ReturnType<typeof buildApp>>;
  as(local: string): Promise<TestClient>;
  close(): Promise<void>;
}

async function harness(
  env: Record<string, string> = {},
  options: RunOptions = checkOptions,
): Promise<Harness> {
  const database = await createTestDatabase();
  const config = testConfig({ BASTEI_WORKER: 'inline', ...env });
  const app = await buildApp({
    database,
    config,
    logger: false,
    background: { worker: true, scanCheckOptions: options, pollingIntervalSeconds: 0.5 },
  });
  await app.ready();
  return {
    database,
    app,
    async as(local) {
      const client = new TestClient(app);
      const response = await client.login(demoEmail(local), TEST_PASSWORD);
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

const orgId = async (database: Database, ars: string) =>
  (
    await database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', ars)
      .executeTakeFirstOrThrow()
  ).id;

async function authorise(client: TestClient, organisationId: string, target = 'kommune.test') {
  const response = await client.post(`/api/v1/organisations/${organisationId}/scan-authorisations`, {
    kind: 'domain',
    target,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function waitForRun(client: TestClient, id: string, states = ['done', 'failed', 'refused']) {
  let run: Record<string, unknown> = {};
  await waitFor(
    async () => {
      run = (await client.get(`/api/v1/scan-runs/${id}`)).json();
      return states.includes(run.state as string);
    },
    40_000,
    200,
  );
  return run;
}

describe('scan runs (API and worker)', () => {
  let h: Harness;
  let isb: TestClient;
  let halberstadt: string;
  beforeAll(async () => {
    h = await harness();
    isb = await h.as('isb.halberstadt');
    halberstadt = await orgId(h.database, PILOT_ARS.halberstadt);
  }, 60_000);
  afterAll(() => h?.close());

  it('refuses a target without authorisation and queues nothing', async () => {
    const response = await isb.post(`/api/v1/organisations/${halberstadt}/scan-runs`, {
      target: { url: 'https://www.kommune.test/' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain('keine gültige Scan-Freigabe');
    const runs = await h.database.db.selectFrom('scan_runs').select('id').execute();
    expect(runs).toEqual([]);
  });

  it('rejects malformed targets with German messages', async () => {
    const cases: [unknown, string][] = [
      [{ target: { url: 'ftp://www.kommune.test/' } }, 'http'],
      [{ target: { url: 'https://user:pw@www.kommune.test/' } }, 'Zugangsdaten'],
      [{ target: { domain: 'localhost' } }, 'Domain'],
      [{ target: { host: 'nicht gültig!' } }, 'DNS-Name'],
      [{ target: { url: 'https://www.kommune.test/', host: 'x' } }, ''],
      [{ target: { url: 'https://www.kommune.test/' }, checks: ['tls.nonsense'] }, ''],
      [{ target: { url: 'https://www.kommune.test/' }, extra: 1 }, ''],
    ];
    for (const [body, text] of cases) {
      const response = await isb.post(`/api/v1/organisations/${halberstadt}/scan-runs`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.body).toContain(text);
    }
  });

  it('runs an authorised target, stores the results and hands failed checks to the findings', async () => {
    await authorise(isb, halberstadt);
    const response = await isb.post(`/api/v1/organisations/${halberstadt}/scan-runs`, {
      target: { url: 'https://WWW.Kommune.test/' },
      label: 'Erster Scan',
    });
    expect(response.statusCode, response.body).toBe(201);
    const queued = response.json();
    expect(queued).toMatchObject({
      organisationId: halberstadt,
      target: { url: 'https://www.kommune.test/' },
      targetHost: 'www.kommune.test',
      targetPort: 443,
      state: 'queued',
      requestedBy: 'isb.halberstadt@demo.bastei.local',
    });
    const run = await waitForRun(isb, queued.id);
    expect(run.state, JSON.stringify(run)).toBe('done');
    const results = run.results as { checkId: string; status: string }[];
    const failed = results.filter((r) => r.status === 'fail').map((r) => r.checkId);
    expect(failed).toEqual(
      expect.arrayContaining(['tls.cert.trust', 'tls.cert.expiry', 'tls.cert.key', 'http.hsts']),
    );
    const summary = run.summary as { findings: number; importId: string; byStatus: Record<string, number> };
    expect(summary.findings).toBe(failed.length);
    expect(summary.byStatus.fail).toBe(failed.length);
    expect(summary.importId).toBeTruthy();
    const findings = await h.database.db
      .selectFrom('scan_findings')
      .select(['check_id', 'source'])
      .where('organisation_id', '=', halberstadt)
      .where('source', '=', 'bastei')
      .execute();
    expect(findings.map((f) => f.check_id).sort()).toEqual([...new Set(failed)].sort());

    const list = await isb.get(`/api/v1/organisations/${halberstadt}/scan-runs`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: queued.id, state: 'done' });
    expect(list.json().items[0].results).toBeUndefined();
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', queued.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['scan-run.requested', 'scan-run.finished']);
  });

  it('keeps only the requested checks', async () => {
    const response = await isb.post(`/api/v1/organisations/${halberstadt}/scan-runs`, {
      target: { url: 'https://www.kommune.test/' },
      checks: ['http.hsts'],
    });
    const run = await waitForRun(isb, response.json().id);
    expect((run.results as { checkId: string }[]).map((r) => r.checkId)).toEqual(['http.hsts']);
  });

  it('lets the assigned auditor read but not start runs; other Kommunen see nothing', async () => {
    const auditor = await h.as('pruefer');
    expect((await auditor.get(`/api/v1/organisations/${halberstadt}/scan-runs`)).statusCode).toBe(200);
    const start = await auditor.post(`/api/v1/organisations/${halberstadt}/scan-runs`, {
      target: { url: 'https://www.kommune.test/' },
    });
    expect(start.statusCode).toBe(403);
    const other = await h.as('isb.salzlandkreis');
    expect((await other.get(`/api/v1/organisations/${halberstadt}/scan-runs`)).statusCode).toBe(404);
  });

  it('schedules runs, re-checks the authorisation at each start and refuses once it is revoked', async () => {
    const bad = [
      { cron: '0 3 * *', pointer: '/body/cron' },
      { cron: '*/5 * * * *', pointer: '/body/cron' },
      { cron: '0 3 * * 1', timezone: 'Mars/Olympus', pointer: '/body/timezone' },
    ];
    for (const { pointer, ...rest } of bad) {
      const response = await isb.post(`/api/v1/organisations/${halberstadt}/scan-schedules`, {
        name: 'Wöchentlich',
        targets: [{ url: 'https://www.kommune.test/' }],
        ...rest,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0].pointer).toBe(pointer);
    }
    const unauthorised = await isb.post(`/api/v1/organisations/${halberstadt}/scan-schedules`, {
      name: 'Fremd',
      cron: '0 3 * * 1',
      targets: [{ domain: 'fremde-domain.test' }],
    });
    expect(unauthorised.statusCode).toBe(403);

    const created = await isb.post(`/api/v1/organisations/${halberstadt}/scan-schedules`, {
      name: 'Wöchentlich',
      cron: '0 3 * * 1',
      targets: [{ url: 'https://www.kommune.test/' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const schedule = created.json();
    expect(new Date(schedule.nextRunAt).getUTCDay()).toBe(1);
    const listed = await isb.get(`/api/v1/organisations/${halberstadt}/scan-schedules`);
    expect(listed.json().items.map((s: { id: string }) => s.id)).toContain(schedule.id);

    const { runDueSchedules } = await import('./worker.ts');
    // The schedule is due a week from now: fire it as the minute tick would.
    const inAWeek = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    const { ALL_QUEUES } = await import('../../../platform/jobs/background.ts');
    const { createJobs } = await import('../../../platform/jobs/jobs.ts');
    const sender = createJobs(h.database, { queues: ALL_QUEUES, supervise: false });
    expect(await runDueSchedules({ database: h.database, jobs: sender }, inAWeek)).toBe(1);
    const firstRun = await h.database.db
      .selectFrom('scan_runs')
      .select('id')
      .where('schedule_id', '=', schedule.id)
      .executeTakeFirstOrThrow();
    expect((await waitForRun(isb, firstRun.id)).state).toBe('done');

    // Revoked: the next scheduled run is refused when it would start.
    const authorisations = (await isb.get(`/api/v1/organisations/${halberstadt}/scan-authorisations`)).json();
    for (const a of authorisations.items as { id: string; status: string }[]) {
      if (a.status === 'active') {
        const revoked = await isb.post(`/api/v1/scan-authorisations/${a.id}/revoke`, { reason: 'Test' });
        expect(revoked.statusCode, revoked.body).toBe(200);
      }
    }
    expect(
      await runDueSchedules(
        { database: h.database, jobs: sender },
        new Date(inAWeek.getTime() + 8 * 24 * 3600 * 1000),
      ),
    ).toBe(1);
    await sender.stop();
    const second = await h.database.db
      .selectFrom('scan_runs')
      .select('id')
      .where('schedule_id', '=', schedule.id)
      .orderBy('queued_at', 'desc')
      .executeTakeFirstOrThrow();
    const refused = await waitForRun(isb, second.id);
    expect(refused.state).toBe('refused');
    expect(refused.reason).toContain('Keine gültige Freigabe');
    expect(refused.results).toBeNull();

    // Paused: due or not, the schedule starts nothing; resumed, it plans from now on.
    const paused = await isb.request('PATCH', `/api/v1/scan-schedules/${schedule.id}`, { paused: true });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ pausedAt: expect.any(String), pausedBy: expect.any(String) });
    const muchLater = new Date(inAWeek.getTime() + 30 * 24 * 3600 * 1000);
    const sender2 = createJobs(h.database, { queues: ALL_QUEUES, supervise: false });
    expect(await runDueSchedules({ database: h.database, jobs: sender2 }, muchLater)).toBe(0);
    await sender2.stop();
    for (const body of [{}, { paused: 'ja' }, { paused: true, cron: '0 4 * * 1' }]) {
      const bad = await isb.request('PATCH', `/api/v1/scan-schedules/${schedule.id}`, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
    const other = await h.as('isb.salzlandkreis');
    expect(
      (await other.request('PATCH', `/api/v1/scan-schedules/${schedule.id}`, { paused: false })).statusCode,
    ).toBe(404);
    const resumed = await isb.request('PATCH', `/api/v1/scan-schedules/${schedule.id}`, { paused: false });
    expect(resumed.json()).toMatchObject({ pausedAt: null, pausedBy: null });
    expect(new Date(resumed.json().nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(resumed.json().nextRunAt).getUTCDay()).toBe(1);

    const deleted = await isb.delete(`/api/v1/scan-schedules/${schedule.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await isb.get(`/api/v1/organisations/${halberstadt}/scan-schedules`)).json().items).toEqual([]);
    // Its runs stay, without the schedule id.
    const kept = await isb.get(`/api/v1/scan-runs/${second.id}`);
    expect(kept.json()).toMatchObject({ state: 'refused', scheduleId: null });
  });
});

describe('scan limits', () => {
  it('runs one scan per host at a time, other hosts in parallel', async () => {
    const h = await harness(
      { BASTEI_SCAN_PER_HOST: '1', BASTEI_SCAN_CONCURRENCY: '3' },
      { ...checkOptions, ports: { ...allPortsOff(), 443: slowPort } },
    );
    try {
      const isb = await h.as('isb.halberstadt');
      const halberstadt = await orgId(h.database, PILOT_ARS.halberstadt);
      await authorise(isb, halberstadt);
      const ids: string[] = [];
      for (const url of [
        'https://www.kommune.test/',
        'https://www.kommune.test/a',
        'https://mail.kommune.test/',
      ]) {
        const response = await isb.post(`/api/v1/organisations/${halberstadt}/scan-runs`, {
          target: { url },
          checks: ['https.available'],
        });
        expect(response.statusCode, response.body).toBe(201);
        ids.push(response.json().id);
      }
      const runs = [];
      for (const id of ids) runs.push(await waitForRun(isb, id));
      const span = (r: Record<string, unknown>) => [
        Date.parse(r.startedAt as string),
        Date.parse(r.finishedAt as string),
      ];
      const [a, b, c] = runs.map(span) as [[number, number], [number, number], [number, number]];
      const overlap = (x: [number, number], y: [number, number]) => x[0] < y[1] && y[0] < x[1];
      expect(runs.map((r) => r.state)).toEqual(['done', 'done', 'done']);
      expect(overlap(a, b), 'two runs on www.kommune.test overlapped').toBe(false);
      expect(overlap(a, c) || overlap(b, c), 'mail.kommune.test waited for www.kommune.test').toBe(true);
    } finally {
      await h.close();
    }
  }, 90_000);

  it('starts no more runs per minute than configured; the rest wait in the queue', async () => {
    const h = await harness({ BASTEI_SCAN_RATE_PER_MINUTE: '1' });
    try {
      const isb = await h.as('isb.halberstadt');
      const halberstadt = await orgId(h.database, PILOT_ARS.halberstadt);
      await authorise(isb, halberstadt);
      const send = async () =>
        (
          await isb.post(`/api/v1/organisations/${halberstadt}/scan-runs`, {
            target: { url: 'https://www.kommune.test/' },
            checks: ['http.hsts'],
          })
        ).json().id as string;
      const first = await send();
      const second = await send();
      expect((await waitForRun(isb, first)).state).toBe('done');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect((await isb.get(`/api/v1/scan-runs/${second}`)).json().state).toBe('queued');
      const waiting = await sql<{
        n: number;
      }>`select count(*)::int as n from pgboss.job where data = ${JSON.stringify({ runId: second })}::jsonb and state = 'created' and start_after > now()`.execute(
        h.database.db,
      );
      expect(waiting.rows[0]!.n).toBe(1);
    } finally {
      await h.close();
    }
  }, 90_000);
});
