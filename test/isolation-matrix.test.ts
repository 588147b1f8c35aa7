/**
 * Tenant isolation, route by route: every route of the OpenAPI document has an entry here, and
 * for every role a user of ANOTHER tenant replays it with the victim's ids (Stadt Halberstadt
 * and its ISB). Reads of single objects answer 404, writes 403/404 and change nothing, lists
 * leak nothing. A positive control per route proves the request itself is right.
 * Admins are global by design (DESIGN.md §1) and have no "other tenant".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsMatrix } from '../src/domains/accounts/isolation.matrix.ts';
import { advisoryFeedsMatrix } from '../src/domains/advisories/feeds/isolation.matrix.ts';
import { advisoriesMatrix } from '../src/domains/advisories/isolation.matrix.ts';
import { assessmentsMatrix } from '../src/domains/assessments/isolation.matrix.ts';
import { assetsMatrix } from '../src/domains/assets/isolation.matrix.ts';
import { auditMatrix } from '../src/domains/audit/isolation.matrix.ts';
import { catalogsMatrix } from '../src/domains/catalogs/isolation.matrix.ts';
import { PILOT_ARS } from '../src/domains/demo/seed.ts';
import { incidentsMatrix } from '../src/domains/incidents/isolation.matrix.ts';
import { measuresMatrix } from '../src/domains/measures/isolation.matrix.ts';
import { organisationsMatrix } from '../src/domains/organisations/isolation.matrix.ts';
import { overviewMatrix } from '../src/domains/overview/isolation.matrix.ts';
import { findingsMatrix } from '../src/domains/scans/findings/isolation.matrix.ts';
import { scanRunsMatrix } from '../src/domains/scans/runs/isolation.matrix.ts';
import { usersMatrix } from '../src/domains/users/isolation.matrix.ts';
import { addMembership, assignAuditor, createUser } from '../src/domains/users/service.ts';
import { systemContext } from '../src/platform/context.ts';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestClient } from './helpers.ts';
import type { DomainMatrix, Entry, Fixture, Probe } from './isolation.ts';

/** Add a domain's matrix here when it gets routes. */
const DOMAINS: DomainMatrix[] = [
  accountsMatrix,
  organisationsMatrix,
  usersMatrix,
  auditMatrix,
  catalogsMatrix,
  assessmentsMatrix,
  measuresMatrix,
  findingsMatrix,
  scanRunsMatrix,
  overviewMatrix,
  assetsMatrix,
  incidentsMatrix,
  advisoriesMatrix,
  advisoryFeedsMatrix,
];
const MATRIX: Record<string, Entry> = Object.assign({}, ...DOMAINS.map((d) => d.entries));

/** One account per role, none of which has any right over Halberstadt. */
const OUTSIDERS: Record<string, string> = {
  isb: 'isb.salzlandkreis',
  member: 'member.arneburg@test.bastei.local',
  auditor: 'pruefer2@test.bastei.local',
  programme_manager: 'ministerium@thueringen.test.bastei.local',
  cert: 'cert@thueringen.test.bastei.local',
  observer: 'bsi',
};

let t: TestApp;
let fixture: Fixture;
let routes: string[];
const clients = new Map<string, TestClient>();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const ctx = systemContext(db, 'test-fixture');
  // A second Land with its own ministry and CERT, so those roles have another tenant.
  const federal = await db
    .selectFrom('organisations')
    .selectAll()
    .where('type', '=', 'federal')
    .executeTakeFirstOrThrow();
  const thueringen = await db
    .insertInto('organisations')
    .values({
      type: 'state',
      subtype: 'Land',
      ars: '160000000000',
      name: 'Thüringen',
      short_name: 'Thüringen',
      parent_id: federal.id,
      ancestor_ids: [federal.id],
      population: null,
      area_ha: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const thueringenCert = await db
    .insertInto('organisations')
    .values({
      type: 'cert',
      subtype: 'Landes-CERT',
      ars: null,
      name: 'CERT Thüringen',
      short_name: 'CERT TH',
      parent_id: thueringen.id,
      ancestor_ids: [federal.id, thueringen.id],
      population: null,
      area_ha: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const byArs = (ars: string) =>
    db.selectFrom('organisations').selectAll().where('ars', '=', ars).executeTakeFirstOrThrow();
  const arneburg = await byArs(PILOT_ARS.arneburgGoldbeck);
  const salzland = await byArs(PILOT_ARS.salzlandkreis);
  const provider = await db
    .selectFrom('organisations')
    .selectAll()
    .where('type', '=', 'provider')
    .executeTakeFirstOrThrow();
  const policy = { argon2MemoryKiB: 1024 };
  const make = async (
    email: string,
    organisationId: string,
    role: 'member' | 'auditor' | 'programme_manager' | 'cert',
  ) => {
    const user = await createUser(
      ctx,
      { email, displayName: email, password: TEST_PASSWORD, locale: 'de' },
      policy,
    );
    await addMembership(ctx, user.id, { organisationId, role });
    return user;
  };
  await make('member.arneburg@test.bastei.local', arneburg.id, 'member');
  const otherAuditor = await make('pruefer2@test.bastei.local', provider.id, 'auditor');
  await assignAuditor(ctx, otherAuditor.id, salzland.id);
  await make('ministerium@thueringen.test.bastei.local', thueringen.id, 'programme_manager');
  await make('cert@thueringen.test.bastei.local', thueringenCert.id, 'cert');

  const halberstadt = await byArs(PILOT_ARS.halberstadt);
  const victim = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'isb.halberstadt@demo.bastei.local')
    .executeTakeFirstOrThrow();
  const membership = await db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', victim.id)
    .executeTakeFirstOrThrow();
  const auditor = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'pruefer@demo.bastei.local')
    .executeTakeFirstOrThrow();
  fixture = {
    victimOrganisationId: halberstadt.id,
    victimUserId: victim.id,
    victimMembershipId: membership.id,
    auditorId: auditor.id,
    otherAuditorId: otherAuditor.id,
    extra: {},
  };
  for (const domain of DOMAINS) await domain.setup?.(t, fixture);
  const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(openapi.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
  for (const account of [...Object.values(OUTSIDERS), 'admin', 'isb.halberstadt'])
    clients.set(account, await t.as(account));
  // Every domain builds its fixture here (advisories, scans, incidents…): minutes on a loaded machine.
}, 240_000);
afterAll(() => t.close());

const auditCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function send(client: TestClient, probe: Probe) {
  return client.request(probe.method, probe.url, probe.body, probe.headers);
}

describe('isolation matrix', () => {
  it('has an entry for every route of the OpenAPI document, and no stale entries', () => {
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !(r in MATRIX));
    expect(missing, `routes without an isolation-matrix entry: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(MATRIX).filter((r) => !routes.includes(r));
    expect(stale, `matrix entries without a route: ${stale.join(', ')}`).toEqual([]);
  });

  for (const [role, account] of Object.entries(OUTSIDERS)) {
    it(`denies a ${role} of another tenant on every route and leaks nothing`, async () => {
      const client = clients.get(account)!;
      const before = await auditCount();
      for (const [route, entry] of Object.entries(MATRIX)) {
        if (entry.kind === 'self-or-public') continue;
        const response = await send(client, entry.probe(fixture));
        const where = `${route} as ${role} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        if (entry.kind === 'read') expect(response.statusCode, where).toBe(404);
        if (entry.kind === 'write') expect([403, 404], where).toContain(response.statusCode);
        if (entry.kind === 'list') {
          expect([200, 403], where).toContain(response.statusCode);
          if (response.statusCode === 200) expect(entry.leaks(response.json(), fixture), where).toBe(false);
        }
        if (response.statusCode >= 400) {
          expect(response.headers['content-type'], where).toContain('application/problem+json');
        }
      }
      expect(await auditCount(), 'a denied request wrote to the database').toBe(before);
    });
  }

  it('lets the rightful owner do each request (positive control)', async () => {
    // Reads first, destructive probes last, so earlier probes still find their objects and sessions.
    const rank = (route: string) => ['GET', 'POST', 'DELETE'].indexOf(route.split(' ')[0]!);
    const order = Object.entries(MATRIX).sort(([a], [b]) => rank(a) - rank(b));
    for (const [route, entry] of order) {
      if (entry.kind === 'self-or-public') continue;
      // Owners beyond the accounts signed in above (e.g. cert, a domain's own test user) sign in on first use.
      if (!clients.has(entry.owner)) clients.set(entry.owner, await t.as(entry.owner));
      const response = await send(clients.get(entry.owner)!, entry.probe(fixture));
      const where = `${route} as ${entry.owner} → ${response.statusCode} ${response.body.slice(0, 200)}`;
      const expected = entry.kind === 'write' ? entry.ownerStatus : 200;
      expect(response.statusCode, where).toBe(expected);
      if (entry.kind === 'list') expect(entry.leaks(response.json(), fixture), where).toBe(true);
    }
  });
});
