/**
 * Measures added by hand (POST /assessments/{id}/measures): who may, in which states, what is
 * validated, and that history, audit and the next package carry them like generated ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { type Verified, verifiedAssessment } from './test-support.ts';

let t: TestApp;
let v: Verified;
beforeAll(async () => {
  t = await createTestApp();
  v = await verifiedAssessment(t, 'MH');
});
afterAll(() => t.close());

const url = () => `/api/v1/assessments/${v.id}/measures`;
const counts = async () => {
  const n = async (table: 'measures' | 'measure_history' | 'audit_log') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { measures: await n('measures'), history: await n('measure_history'), audit: await n('audit_log') };
};

describe('measures added by hand', () => {
  it('the ISB adds one: 201, proposed, no sources, history and audit written', async () => {
    const response = await v.isb.post(url(), {
      type: 'training',
      title: '  Schulung Phishing-Erkennung für alle Beschäftigten ',
      owner: 'Hauptamt',
      dueDate: '2027-03-31',
      costEstimateCents: 150_000,
      fundingStage: 1,
    });
    expect(response.statusCode, response.body).toBe(201);
    const measure = response.json();
    expect(measure).toMatchObject({
      organisationId: v.organisationId,
      assessmentId: v.id,
      packageId: null,
      sources: [],
      type: 'training',
      title: 'Schulung Phishing-Erkennung für alle Beschäftigten',
      description: null,
      priority: 2,
      owner: 'Hauptamt',
      dueDate: '2027-03-31',
      status: 'proposed',
      costEstimateCents: 150_000,
      fundingStage: 1,
    });
    const history = (await v.isb.get(`/api/v1/measures/${measure.id}/history`)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      kind: 'created',
      previous: null,
      next: { title: measure.title, manual: true, status: 'proposed' },
      changedBy: 'isb.halberstadt@demo.bastei.local',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('resource_id', '=', measure.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'measure.create', organisation_id: v.organisationId });
    // It then behaves like a generated one: listed, editable, status steps.
    const listed = (await v.isb.get(`/api/v1/measures?assessmentId=${v.id}&limit=500`)).json();
    expect(listed.items.map((m: { id: string }) => m.id)).toContain(measure.id);
    const agreed = await v.isb.post(`/api/v1/measures/${measure.id}/status`, { status: 'agreed' });
    expect(agreed.statusCode, agreed.body).toBe(200);
  });

  it('the assigned auditor and the ministry may add one too; the delivered package contains them', async () => {
    const ministry = await t.as('ministerium');
    for (const [client, title] of [
      [v.auditor, 'Penetrationstest der Außenstelle'],
      [ministry, 'Workshop Notfallplanung'],
    ] as const) {
      const response = await client.post(url(), { type: 'workshop', title, priority: 1 });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ title, priority: 1, createdAt: expect.any(String) });
    }
    const delivered = await v.auditor.post(`/api/v1/assessments/${v.id}/measure-packages`);
    expect(delivered.statusCode, delivered.body).toBe(201);
    const titles = delivered.json().measures.map((m: { title: string }) => m.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Penetrationstest der Außenstelle', 'Workshop Notfallplanung']),
    );
  });

  it('refuses bad input with German field errors and writes nothing', async () => {
    const before = await counts();
    const cases: [unknown, string][] = [
      [{ type: 'training' }, '/body/title'],
      [{ type: 'training', title: '   ' }, '/body/title'],
      [{ type: 'magic', title: 'x' }, '/body/type'],
      [{ type: 'training', title: 'x', priority: 5 }, '/body/priority'],
      [{ type: 'training', title: 'x', dueDate: '2027-02-30' }, '/body/dueDate'],
      [{ type: 'training', title: 'x', costEstimateCents: -1 }, '/body/costEstimateCents'],
      [{ type: 'training', title: 'x'.repeat(501) }, '/body/title'],
      [{ type: 'training', title: 'x', sources: [] }, '/body/'],
    ];
    for (const [body, pointer] of cases) {
      const response = await v.isb.post(url(), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const problem = response.json();
      expect(
        problem.errors.map((e: { pointer: string }) => e.pointer),
        JSON.stringify(body),
      ).toContain(pointer);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 409 for an assessment that is not verified yet, 404 for another Kommune’s', async () => {
    const draft = await v.isb.post('/api/v1/assessments', {
      organisationId: v.organisationId,
      catalogId: v.catalog.id,
      phase: 'self',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const stranger = await t.as('isb.salzlandkreis');
    const before = await counts();
    const early = await v.isb.post(`/api/v1/assessments/${draft.json().id}/measures`, {
      type: 'technical',
      title: 'Zu früh',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/geprüften/);
    const foreign = await stranger.post(url(), { type: 'technical', title: 'Fremd' });
    expect(foreign.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
