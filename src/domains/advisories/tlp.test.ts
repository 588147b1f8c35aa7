/**
 * TLP through the API: one advisory per label, warned to Halberstadt where the label allows it,
 * read by each role. Expected answers follow platform/tlp/tlp.ts: no role bypasses TLP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { uploadBytes } from '../assessments/test-support.ts';
import { demoEmail, PILOT_ARS } from '../demo/seed.ts';
import { addMembership, createUser } from '../users/service.ts';
import { loadCsafValidator } from './csaf/validate.ts';
import { hasReference, installProducts, relabelled } from './test-support.ts';

const FILE = 'bsi-wid/wid-sec-w-2024-3319.json';
const LABELS = {
  CLEAR: { label: 'WHITE' },
  GREEN: { label: 'GREEN' },
  AMBER: { label: 'AMBER' },
  'AMBER+STRICT': { label: 'AMBER', text: 'TLP v2.0: TLP:AMBER+STRICT' },
  RED: { label: 'RED' },
} as const;
type Label = keyof typeof LABELS;
const ROLES = [
  'cert',
  'cert2',
  'admin',
  'ministerium',
  'isb.halberstadt',
  'isb.salzlandkreis',
  'bsi',
] as const;
type Role = (typeof ROLES)[number];

// 200 = readable, 404 = not. Advisory reads: the CERT owner organisation, recipients via warnings.
const ADVISORY: Record<Label, Role[]> = {
  CLEAR: [...ROLES],
  GREEN: [...ROLES],
  AMBER: ['cert', 'cert2', 'isb.halberstadt'],
  'AMBER+STRICT': ['cert', 'cert2'],
  RED: ['cert', 'isb.halberstadt'],
};
// Warning reads need warning.read (CERT, admin, the addressed Kommune) and TLP clearance.
const WARNING: Record<Exclude<Label, 'AMBER+STRICT'>, Role[]> = {
  CLEAR: ['cert', 'cert2', 'admin', 'isb.halberstadt'],
  GREEN: ['cert', 'cert2', 'admin', 'isb.halberstadt'],
  AMBER: ['cert', 'cert2', 'isb.halberstadt'],
  RED: ['cert', 'isb.halberstadt'],
};

let t: TestApp;
const clients = new Map<Role, TestClient>();
const advisories = new Map<Label, string>();
const warnings = new Map<Label, string>();

beforeAll(async () => {
  await loadCsafValidator();
  t = await createTestApp();
  const db = t.database.db;
  const ctx = systemContext(db, 'test');
  const certOrg = await db
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'cert')
    .executeTakeFirstOrThrow();
  const second = await createUser(
    ctx,
    {
      email: 'cert2@test.bastei.local',
      displayName: 'Zweite Analystin',
      password: TEST_PASSWORD,
      locale: 'de',
    },
    { argon2MemoryKiB: 1024 },
  );
  await addMembership(ctx, second.id, { organisationId: certOrg.id, role: 'cert' });
  await installProducts(db, PILOT_ARS.halberstadt, [
    { vendor: 'Apache', product: 'HTTP Server', cpe: 'cpe:/a:apache:http_server:2.4.41' },
  ]);
  for (const role of ROLES)
    clients.set(role, await t.as(role === 'cert2' ? 'cert2@test.bastei.local' : role));
  const cert = clients.get('cert')!;
  const halberstadt = await db
    .selectFrom('organisations')
    .select('id')
    .where('ars', '=', PILOT_ARS.halberstadt)
    .executeTakeFirstOrThrow();
  const isb = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoEmail('isb.halberstadt'))
    .executeTakeFirstOrThrow();
  for (const [label, tlp] of Object.entries(LABELS) as [Label, (typeof LABELS)[Label]][]) {
    const bytes = relabelled(FILE, { trackingId: `TLP-TEST-${label}`, ...tlp });
    const imported = await uploadBytes(t, cert, '/api/v1/advisories', bytes, {
      'content-type': 'application/json',
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().advisory.tlp.label).toBe(label);
    advisories.set(label, imported.json().advisory.id);
    const audience =
      label === 'RED'
        ? { kind: 'users', userIds: [isb.id] }
        : { kind: 'organisations', organisationIds: [halberstadt.id] };
    const published = await cert.post(`/api/v1/advisories/${imported.json().advisory.id}/warnings`, {
      audience,
    });
    if (label === 'AMBER+STRICT') {
      expect(published.statusCode, published.body).toBe(403);
    } else {
      expect(published.statusCode, published.body).toBe(201);
      warnings.set(label, published.json().id);
    }
  }
}, 180_000);
afterAll(() => t?.close());

describe.runIf(hasReference(FILE))('TLP × role through the API', () => {
  for (const label of Object.keys(LABELS) as Label[]) {
    it(`advisory TLP:${label}`, async () => {
      const id = advisories.get(label)!;
      for (const role of ROLES) {
        const client = clients.get(role)!;
        const expected = ADVISORY[label].includes(role) ? 200 : 404;
        const detail = await client.get(`/api/v1/advisories/${id}`);
        expect(detail.statusCode, `${label} ${role} ${detail.body.slice(0, 200)}`).toBe(expected);
        const document = await client.get(`/api/v1/advisories/${id}/document`);
        expect(document.statusCode, `${label} ${role} document`).toBe(expected);
        const publicList = (await client.get('/api/v1/advisories/public?limit=500')).json();
        const listed = publicList.items.some((a: { id: string }) => a.id === id);
        expect(listed, `${label} ${role} public list`).toBe(label === 'CLEAR' || label === 'GREEN');
        const list = await client.get('/api/v1/advisories?limit=500');
        if (list.statusCode === 200) {
          const inList = list.json().items.some((a: { id: string }) => a.id === id);
          const manages = ['cert', 'cert2', 'admin'].includes(role);
          expect(inList, `${label} ${role} list`).toBe(manages && ADVISORY[label].includes(role));
        }
      }
      expect((await t.anonymous().get(`/api/v1/advisories/${id}`)).statusCode).toBe(401);
    });
  }
  for (const label of ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const) {
    it(`warning TLP:${label}`, async () => {
      const id = warnings.get(label)!;
      for (const role of ROLES) {
        const expected = WARNING[label].includes(role) ? 200 : 404;
        const response = await clients.get(role)!.get(`/api/v1/warnings/${id}`);
        expect(response.statusCode, `${label} ${role} ${response.body.slice(0, 200)}`).toBe(expected);
        const list = await clients.get(role)!.get('/api/v1/warnings?limit=500');
        const listed = list.statusCode === 200 && list.json().items.some((w: { id: string }) => w.id === id);
        expect(listed, `${label} ${role} warning list`).toBe(expected === 200);
      }
    });
  }
  it('a warning is never looser than its advisory, and RED never goes to whole organisations', async () => {
    const cert = clients.get('cert')!;
    const halberstadt = (await clients.get('isb.halberstadt')!.get('/api/v1/me')).json();
    void halberstadt;
    const looser = await cert.post(`/api/v1/advisories/${advisories.get('AMBER')}/warnings`, {
      audience: { kind: 'state' },
      tlp: 'GREEN',
    });
    expect(looser.statusCode).toBe(400);
    const redToOrgs = await cert.post(`/api/v1/advisories/${advisories.get('RED')}/warnings`, {
      audience: { kind: 'state' },
    });
    expect(redToOrgs.statusCode).toBe(400);
  });
});
