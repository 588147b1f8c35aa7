/** Generation from the built-in Bastei-Basis, made through the API (isb.halberstadt, then pruefer). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { baselineCatalogId, organisationIdByArs } from '../assessments/test-support.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { addMembership, createUser } from '../users/service.ts';
import { priorityOf } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('measures from Bastei-Basis', () => {
  it('turns the no/partial answers of a frozen assessment into exactly their templates, by priority', async () => {
    const db = t.database.db;
    const catalogId = await baselineCatalogId(t);
    const organisationId = await organisationIdByArs(db, PILOT_ARS.halberstadt);
    // Four requirements with different level/effort where possible.
    const candidates = await db
      .selectFrom('catalog_requirements')
      .select(['id', 'requirement_key', 'level', 'effort'])
      .where('catalog_id', '=', catalogId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('measure_templates')
            .select('id')
            .whereRef('requirement_id', '=', 'catalog_requirements.id'),
        ),
      )
      .orderBy('ordinal')
      .execute();
    const picked: typeof candidates = [];
    for (const c of candidates) {
      if (picked.length === 4) break;
      if (!picked.some((p) => p.level === c.level && p.effort === c.effort)) picked.push(c);
    }
    for (const c of candidates) if (picked.length < 4 && !picked.includes(c)) picked.push(c);
    expect(picked).toHaveLength(4);
    const isb = await t.as('isb.halberstadt');
    const auditor = await t.as('pruefer');
    const created = await isb.post('/api/v1/assessments', { organisationId, catalogId, phase: 'self' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const statuses = ['no', 'partial', 'no', 'yes'] as const;
    const put = await isb.request('PUT', `/api/v1/assessments/${id}/answers`, {
      answers: picked.map((p, i) => ({ requirementId: p.requirement_key, status: statuses[i] })),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await isb.post(`/api/v1/assessments/${id}/submit`)).statusCode).toBe(200);
    expect((await auditor.post(`/api/v1/assessments/${id}/verify`)).statusCode).toBe(200);
    expect((await auditor.post(`/api/v1/assessments/${id}/freeze`)).statusCode).toBe(200);

    const gaps = picked.slice(0, 3);
    const templates = await db
      .selectFrom('measure_templates')
      .select(['requirement_id', 'type', 'title'])
      .where(
        'requirement_id',
        'in',
        gaps.map((g) => g.id),
      )
      .execute();
    const expected = new Map<string, number>();
    for (const tpl of templates) {
      const gap = gaps.find((g) => g.id === tpl.requirement_id)!;
      const key = `${tpl.type}:${tpl.title.trim().replace(/\s+/g, ' ').toLowerCase()}`;
      expected.set(key, Math.min(expected.get(key) ?? 4, priorityOf(gap.level, gap.effort)));
    }
    const res = await isb.post(`/api/v1/assessments/${id}/measures/generate`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      type: string;
      title: string;
      priority: number;
      organisationId: string;
    }[];
    expect(res.json().created).toBe(expected.size);
    expect(items).toHaveLength(expected.size);
    for (const m of items) {
      expect(m.organisationId).toBe(organisationId);
      expect(m.priority).toBe(expected.get(`${m.type}:${m.title.trim().replace(/\s+/g, ' ').toLowerCase()}`));
    }
    expect(items.map((m) => m.priority)).toEqual(items.map((m) => m.priority).sort());

    // A member of the Kommune reads but may not edit (403); an ISB of another Kommune sees nothing (404).
    const ctx = systemContext(db, 'test');
    const member = await createUser(
      ctx,
      {
        email: 'member.halberstadt@test.bastei.local',
        displayName: 'Mitglied',
        password: TEST_PASSWORD,
        locale: 'de',
      },
      { argon2MemoryKiB: 1024 },
    );
    await addMembership(ctx, member.id, { organisationId, role: 'member' });
    const memberClient = await t.as('member.halberstadt@test.bastei.local');
    const measureId = (items[0] as unknown as { id: string }).id;
    expect((await memberClient.get(`/api/v1/measures/${measureId}`)).statusCode).toBe(200);
    expect(
      (await memberClient.request('PATCH', `/api/v1/measures/${measureId}`, { owner: 'ich' })).statusCode,
    ).toBe(403);
    expect(
      (await memberClient.post(`/api/v1/measures/${measureId}/status`, { status: 'agreed' })).statusCode,
    ).toBe(403);
    const other = await t.as('isb.salzlandkreis');
    expect((await other.get(`/api/v1/measures/${measureId}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/assessments/${id}/measures/generate`)).statusCode).toBe(404);
  });
});
