import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { PILOT_ARS } from '../demo/seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const listAll = async (account: string, query = '') => {
  const client = await t.as(account);
  const response = await client.get(`/api/v1/organisations?limit=500${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as {
    items: { id: string; ars: string | null; type: string; name: string }[];
    total: number;
  };
};

describe('organisations', () => {
  it('holds Sachsen-Anhalt: 1 state, 14 districts, 119 municipalities = 133 Kommunen', async () => {
    const all = await listAll('admin');
    const inState = all.items.filter((o) => o.ars?.startsWith('15'));
    expect(inState.filter((o) => o.type === 'state')).toHaveLength(1);
    expect(inState.filter((o) => o.type === 'district')).toHaveLength(14);
    expect(inState.filter((o) => o.type === 'municipality')).toHaveLength(119);
  });

  it('scopes lists by role: ministry its state, ISB its Kommune, auditor its assignments, observer itself', async () => {
    const ministry = await listAll('ministerium');
    expect(ministry.items.filter((o) => o.type === 'municipality' || o.type === 'district')).toHaveLength(
      133,
    );
    expect(ministry.items.some((o) => o.type === 'federal' || o.type === 'provider')).toBe(false);

    const isb = await listAll('isb.halberstadt');
    expect(isb.items.map((o) => o.ars)).toEqual([PILOT_ARS.halberstadt]);
    expect(isb.total).toBe(1);

    const auditor = await listAll('pruefer');
    expect(
      auditor.items
        .map((o) => o.ars)
        .filter(Boolean)
        .sort(),
    ).toEqual(Object.values(PILOT_ARS).sort());
    expect(auditor.items.filter((o) => o.type === 'provider')).toHaveLength(1);

    const cert = await listAll('cert');
    expect(cert.items.filter((o) => o.type === 'municipality')).toHaveLength(119);

    const observer = await listAll('bsi');
    expect(observer.items.map((o) => o.type)).toEqual(['federal']);
  });

  it('filters by type, parent and name', async () => {
    const districts = await listAll('ministerium', '&type=district');
    expect(districts.total).toBe(14);
    const salzland = districts.items.find((o) => o.ars === PILOT_ARS.salzlandkreis)!;
    const children = await listAll('ministerium', `&parent=${salzland.id}`);
    expect(children.total).toBeGreaterThan(5);
    const named = await listAll('ministerium', '&q=arneburg');
    expect(named.items.map((o) => o.name)).toEqual(['Arneburg-Goldbeck']);
  });

  it('answers 404 for organisations out of scope and 403 for forbidden creation', async () => {
    const all = await listAll('admin');
    const magdeburg = all.items.find((o) => o.name.startsWith('Magdeburg'))!;
    const isb = await t.as('isb.halberstadt');
    expect((await isb.get(`/api/v1/organisations/${magdeburg.id}`)).statusCode).toBe(404);
    const ministry = await t.as('ministerium');
    const one = await ministry.get(`/api/v1/organisations/${magdeburg.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: magdeburg.id, organisationId: magdeburg.id, ars: '150030000000' });
    const denied = await ministry.post('/api/v1/organisations', {
      type: 'provider',
      name: 'Neuer Dienstleister',
    });
    expect(denied.statusCode).toBe(403);
  });

  it('lets the admin create a provider organisation, audited', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/organisations', {
      type: 'provider',
      name: 'IT-Kooperation Mitte eG',
    });
    expect(created.statusCode).toBe(201);
    const audit = await admin.get(`/api/v1/audit?organisationId=${created.json().id}`);
    expect(audit.json().items[0]).toMatchObject({
      action: 'organisation.create',
      actor: 'admin@demo.bastei.local',
    });
  });
});
