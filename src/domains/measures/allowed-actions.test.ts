/**
 * `allowedActions` of measures and packages per role, on Halberstadt's demo measures (frozen
 * self-assessment, package v1 delivered, measures in every status). The API must never offer what
 * it refuses nor refuse what it offers: each offered status target is accepted, each other one
 * answers 403 or 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { organisationIdByArs } from '../assessments/test-support.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { MEASURE_STATUSES } from './schemas.ts';

type Status = (typeof MEASURE_STATUSES)[number];
interface M {
  id: string;
  status: Status;
  allowedActions: string[];
  allowedStatusTargets: Status[];
}

let t: TestApp;
let organisationId: string;
let assessmentId: string;
let packageId: string;
const clients: Record<string, TestClient> = {};

const measuresOf = async (client: TestClient, query = `organisationId=${organisationId}`) => {
  const res = await client.get(`/api/v1/measures?${query}&limit=500`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: M[]; total: number; assessmentActions?: string[] };
};
const inStatus = (items: M[], status: Status) => {
  const found = items.find((m) => m.status === status);
  if (!found) throw new Error(`demo data has no measure in status ${status}`);
  return found;
};

beforeAll(async () => {
  t = await createTestApp();
  organisationId = await organisationIdByArs(t.database.db, PILOT_ARS.halberstadt);
  for (const who of ['isb.halberstadt', 'isb.salzlandkreis', 'pruefer', 'ministerium', 'bsi', 'cert']) {
    clients[who] = await t.as(who);
  }
  const packages = (
    await clients['isb.halberstadt']!.get(`/api/v1/measure-packages?organisationId=${organisationId}`)
  ).json();
  packageId = packages.items[0].id;
  assessmentId = packages.items[0].assessmentId;
});
afterAll(() => t.close());

describe('measures allowedActions per role', () => {
  it('ISB: edits and advances, never verifies; cannot deliver', async () => {
    const isb = clients['isb.halberstadt']!;
    const { items, assessmentActions } = await measuresOf(isb, `assessmentId=${assessmentId}`);
    expect(items.length).toBeGreaterThan(0);
    expect(inStatus(items, 'proposed')).toMatchObject({
      allowedActions: ['edit', 'change_status'],
      allowedStatusTargets: ['agreed'],
    });
    expect(inStatus(items, 'done')).toMatchObject({
      allowedActions: ['edit', 'change_status'],
      allowedStatusTargets: ['in_progress'],
    });
    expect(inStatus(items, 'verified')).toMatchObject({ allowedActions: [], allowedStatusTargets: [] });
    expect(assessmentActions).toEqual(['generate', 'create']);
    const pkg = (await isb.get(`/api/v1/measure-packages/${packageId}`)).json();
    expect(pkg.allowedActions).toEqual([]);
    // The frozen snapshot carries no caller-dependent fields.
    expect(pkg.measures[0]).not.toHaveProperty('allowedActions');
  });

  it.each(['pruefer', 'ministerium'])('%s: may also verify and deliver', async (who) => {
    const client = clients[who]!;
    const { items, assessmentActions } = await measuresOf(client, `assessmentId=${assessmentId}`);
    expect(inStatus(items, 'done')).toMatchObject({
      allowedActions: ['edit', 'change_status', 'verify'],
      allowedStatusTargets: ['verified', 'in_progress'],
    });
    expect(inStatus(items, 'agreed')).toMatchObject({
      allowedActions: ['edit', 'change_status'],
      allowedStatusTargets: ['in_progress'],
    });
    expect(inStatus(items, 'verified').allowedActions).toEqual([]);
    expect(assessmentActions).toEqual(['generate', 'create', 'deliver']);
    const list = (await client.get(`/api/v1/measure-packages?organisationId=${organisationId}`)).json();
    expect(list.items[0].allowedActions).toEqual(['deliver']);
  });

  it('observer, CERT and another Kommune see nothing and get no actions', async () => {
    const some = inStatus((await measuresOf(clients.pruefer!)).items, 'proposed');
    for (const who of ['bsi', 'cert', 'isb.salzlandkreis']) {
      const client = clients[who]!;
      expect((await client.get(`/api/v1/measures/${some.id}`)).statusCode, who).toBe(404);
      const list = await measuresOf(client, `assessmentId=${assessmentId}`);
      expect(list.items, who).toEqual([]);
      expect(list.assessmentActions, who).toEqual([]);
      expect((await client.get(`/api/v1/measure-packages/${packageId}`)).statusCode, who).toBe(404);
    }
  });

  it('a list without assessmentId has no assessmentActions', async () => {
    expect(await measuresOf(clients.pruefer!)).not.toHaveProperty('assessmentActions');
  });

  it('a draft assessment offers no measure actions', async () => {
    const drafts = (
      await clients.pruefer!.get(
        `/api/v1/assessments?organisationId=${await organisationIdByArs(t.database.db, PILOT_ARS.arneburgGoldbeck)}&status=draft`,
      )
    ).json();
    expect(drafts.items.length).toBeGreaterThan(0);
    const list = await measuresOf(clients.pruefer!, `assessmentId=${drafts.items[0].id}`);
    expect(list.assessmentActions).toEqual([]);
  });

  it.each([
    ['isb.halberstadt', 'proposed'],
    ['pruefer', 'done'],
    ['isb.halberstadt', 'agreed'],
    ['ministerium', 'in_progress'],
  ] as const)('%s on a %s measure: offered targets are accepted, the others refused', async (who, status) => {
    const client = clients[who]!;
    const measure = inStatus((await measuresOf(client)).items, status);
    for (const target of MEASURE_STATUSES.filter((s) => !measure.allowedStatusTargets.includes(s))) {
      const res = await client.post(`/api/v1/measures/${measure.id}/status`, { status: target });
      expect([403, 409], `${who} ${status} → ${target}: ${res.body}`).toContain(res.statusCode);
    }
    const [target] = measure.allowedStatusTargets;
    expect(target).toBeDefined();
    const res = await client.post(`/api/v1/measures/${measure.id}/status`, { status: target });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as M;
    expect(after.status).toBe(target);
    // The answer of a change already carries the actions of the new status.
    const again = (await client.get(`/api/v1/measures/${measure.id}`)).json() as M;
    expect(after.allowedStatusTargets).toEqual(again.allowedStatusTargets);
    expect(after.allowedActions).toEqual(again.allowedActions);
  });

  it('edit is offered exactly when PATCH is accepted', async () => {
    const isb = clients['isb.halberstadt']!;
    const { items } = await measuresOf(isb);
    const verified = inStatus(items, 'verified');
    expect(verified.allowedActions).not.toContain('edit');
    expect((await isb.request('PATCH', `/api/v1/measures/${verified.id}`, { owner: 'x' })).statusCode).toBe(
      409,
    );
    const open = inStatus(items, 'agreed');
    expect(open.allowedActions).toContain('edit');
    const res = await isb.request('PATCH', `/api/v1/measures/${open.id}`, { owner: 'Hauptamt' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().allowedActions).toContain('edit');
  });

  it('deliver is offered exactly when delivery is accepted', async () => {
    const isb = clients['isb.halberstadt']!;
    expect((await isb.post(`/api/v1/assessments/${assessmentId}/measure-packages`)).statusCode).toBe(403);
    const delivered = await clients.ministerium!.post(`/api/v1/assessments/${assessmentId}/measure-packages`);
    expect(delivered.statusCode, delivered.body).toBe(201);
    expect(delivered.json().allowedActions).toEqual(['deliver']);
    expect(delivered.json().measures[0]).not.toHaveProperty('allowedStatusTargets');
  });

  it('the OpenAPI document describes the new fields', async () => {
    const doc = (await clients.pruefer!.get('/api/openapi.json')).json();
    const text = JSON.stringify(doc);
    for (const field of ['allowedStatusTargets', 'assessmentActions', 'change_status']) {
      expect(text).toContain(field);
    }
  });
});
