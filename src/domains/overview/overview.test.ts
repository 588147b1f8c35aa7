/** State overview and observer aggregates through the HTTP API, on the demo seed (133 Kommunen). */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { organisationIdByArs } from '../assessments/test-support.ts';
import { generatedAnswersStatement, kommuneProfile } from '../demo/assessments.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { suppressSmallGroups } from './service.ts';

interface Item {
  organisationId: string;
  ars: string;
  name: string;
  district: { id: string; name: string } | null;
  assessment: { id: string; status: string; phase: string; answered: number; total: number } | null;
  score: { overall: number | null; topics: { key: string; score: number | null }[] } | null;
  measures: { total: number; done: number; verified: number; shareDone: number | null } | null;
}
interface Group {
  dimension: string;
  key: string;
  label: string;
  state: { name: string } | null;
  suppressed: boolean;
  figures: { assessed: number; meanScore: number | null } | null;
}

let t: TestApp;
let ministry: TestClient;
let all: Item[];
const byArs = (ars: string) => all.find((i) => i.ars === ars)!;

beforeAll(async () => {
  t = await createTestApp();
  ministry = await t.as('ministerium');
  const response = await ministry.get('/api/v1/overview/municipalities?limit=500');
  expect(response.statusCode, response.body).toBe(200);
  all = response.json().items;
});
afterAll(() => t.close());

describe('state overview per Kommune', () => {
  it('lists all 133 Kommunen of Sachsen-Anhalt with the pilots in their demo states', async () => {
    expect(all).toHaveLength(133);
    const halberstadt = byArs(PILOT_ARS.halberstadt);
    expect(halberstadt).toMatchObject({
      name: expect.stringContaining('Halberstadt'),
      district: { name: 'Harz' },
      assessment: { status: 'frozen', phase: 'self', answered: 257, total: 257 },
      measures: { verified: 1 },
    });
    expect(halberstadt.measures!.total).toBeGreaterThan(5);
    expect(byArs(PILOT_ARS.salzlandkreis).assessment).toMatchObject({ status: 'submitted', answered: 257 });
    expect(byArs(PILOT_ARS.salzlandkreis).district).toMatchObject({ name: 'Salzlandkreis' });
    const arneburg = byArs(PILOT_ARS.arneburgGoldbeck).assessment!;
    expect(arneburg.status).toBe('draft');
    expect(arneburg.answered / arneburg.total).toBeGreaterThan(0.3);
    expect(arneburg.answered / arneburg.total).toBeLessThan(0.5);
    const statuses = new Set(all.map((i) => i.assessment?.status ?? 'none'));
    expect([...statuses].sort()).toEqual(['draft', 'frozen', 'none', 'submitted', 'verified']);
    const scores = all.flatMap((i) => (i.score?.overall == null ? [] : [i.score.overall]));
    expect(Math.min(...scores)).toBeLessThan(0.35);
    expect(Math.max(...scores)).toBeGreaterThan(0.7);
  });

  it('computes the same scores as the assessment itself (scores.ts), overall and per topic', async () => {
    const admin = await t.as('admin');
    const generated = all.find((i) => i.assessment?.status === 'verified')!;
    for (const item of [byArs(PILOT_ARS.halberstadt), byArs(PILOT_ARS.arneburgGoldbeck), generated]) {
      const scores = (await admin.get(`/api/v1/assessments/${item.assessment!.id}/scores`)).json();
      expect(item.score!.overall).toBeCloseTo(scores.overall.score, 10);
      for (const topic of scores.topics as { topic: { key: string }; score: number | null }[]) {
        const mine = item.score!.topics.find((x) => x.key === topic.topic.key)!;
        if (topic.score === null) expect(mine.score).toBeNull();
        else expect(mine.score).toBeCloseTo(topic.score, 10);
      }
    }
  });

  it('filters by district and status, sorts and pages', async () => {
    const harz = byArs(PILOT_ARS.halberstadt).district!.id;
    const inHarz = (
      await ministry.get(`/api/v1/overview/municipalities?districtId=${harz}&limit=500`)
    ).json();
    expect(inHarz.total).toBe(all.filter((i) => i.district?.id === harz).length);
    expect(inHarz.items.map((i: Item) => i.ars)).toContain(PILOT_ARS.halberstadt);
    const frozen = (await ministry.get('/api/v1/overview/municipalities?status=frozen&limit=500')).json();
    expect(frozen.items.every((i: Item) => i.assessment?.status === 'frozen')).toBe(true);
    expect(frozen.total).toBe(all.filter((i) => i.assessment?.status === 'frozen').length);
    const none = (await ministry.get('/api/v1/overview/municipalities?status=none&limit=500')).json();
    expect(none.items.every((i: Item) => i.assessment === null && i.score === null)).toBe(true);

    const byScoreItems: Item[] = (
      await ministry.get('/api/v1/overview/municipalities?sort=score&order=desc&limit=500')
    ).json().items;
    // Sorting by score reads the overall counts of every Kommune, the other sorts only the page's:
    // each item is the same either way.
    expect(byScoreItems.map((i) => i.organisationId).sort()).toEqual(all.map((i) => i.organisationId).sort());
    for (const item of byScoreItems)
      expect(item).toEqual(all.find((i) => i.organisationId === item.organisationId));
    const byScore = byScoreItems.map((i: Item) => i.score?.overall ?? null);
    const present = byScore.filter((s: number | null) => s !== null);
    expect(present).toEqual([...present].sort((a, b) => b - a));
    expect(byScore.slice(present.length).every((s: number | null) => s === null)).toBe(true);

    const names = all.map((i) => i.name);
    expect(names).toEqual(
      [...names].sort(new Intl.Collator('de', { sensitivity: 'base', numeric: true }).compare),
    );
    const pages = [];
    for (let offset = 0; offset < 133; offset += 50) {
      const page = (await ministry.get(`/api/v1/overview/municipalities?limit=50&offset=${offset}`)).json();
      expect(page.total).toBe(133);
      pages.push(...page.items.map((i: Item) => i.organisationId));
    }
    expect(pages).toEqual(all.map((i) => i.organisationId));
    const byStatus = (await ministry.get('/api/v1/overview/municipalities?sort=status&limit=500'))
      .json()
      .items.map((i: Item) => i.assessment?.status ?? 'none');
    const order = ['draft', 'submitted', 'verified', 'frozen', 'none'];
    expect(byStatus.map((s: string) => order.indexOf(s))).toEqual(
      byStatus.map((s: string) => order.indexOf(s)).sort((a: number, b: number) => a - b),
    );
  });

  it('shows the score distribution per topic, consistent with the per-Kommune scores', async () => {
    const response = await ministry.get('/api/v1/overview/topics');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.catalog.key).toBe('bastei-basis');
    expect(body.items).toHaveLength(19);
    const assessed = all.filter((i) => i.assessment);
    expect(body).toMatchObject({ kommunen: 133, assessed: assessed.length });
    const scores = assessed.map((i) => i.score!.overall!).sort((a, b) => a - b);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(body.overall.mean).toBeCloseTo(mean, 3);
    const mid = scores.length / 2;
    const median = scores.length % 2 ? scores[Math.floor(mid)]! : (scores[mid - 1]! + scores[mid]!) / 2;
    expect(body.overall.median).toBeCloseTo(median, 3);
    expect(body.overall.buckets.map((b: { count: number }) => b.count)).toEqual([
      scores.filter((s) => s < 0.25).length,
      scores.filter((s) => s >= 0.25 && s < 0.5).length,
      scores.filter((s) => s >= 0.5 && s < 0.75).length,
      scores.filter((s) => s >= 0.75).length,
    ]);
    for (const topic of body.items as { scored: number; noScore: number; buckets: { count: number }[] }[]) {
      expect(topic.buckets.reduce((n, b) => n + b.count, 0)).toBe(topic.scored);
      expect(topic.scored + topic.noScore).toBe(assessed.length);
    }
    const means = body.items.map((x: { mean: number }) => x.mean);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.1);
  });

  it('refuses observers, ISBs and auditors with 403 problem+json', async () => {
    for (const account of ['bsi', 'isb.halberstadt', 'pruefer', 'cert']) {
      const client = await t.as(account);
      for (const url of ['/api/v1/overview/municipalities', '/api/v1/overview/topics']) {
        const response = await client.get(url);
        expect(response.statusCode, `${account} ${url}`).toBe(403);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
    for (const account of ['isb.halberstadt', 'pruefer', 'cert']) {
      expect((await (await t.as(account)).get('/api/v1/overview/aggregates')).statusCode).toBe(403);
    }
  });

  it('rejects bad queries with a German problem and never fails with 500 (fuzzed)', async () => {
    const unknown = await ministry.get(
      '/api/v1/overview/municipalities?catalogId=00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errors: [{ pointer: '/query/catalogId' }] });
    expect(unknown.json().detail).toContain('Katalog');
    for (const query of [
      'sort=magic',
      'limit=0',
      'limit=501',
      'offset=-1',
      'status=open',
      'districtId=x',
      'extra=1',
    ]) {
      const response = await ministry.get(`/api/v1/overview/municipalities?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const keys = ['catalogId', 'districtId', 'status', 'sort', 'order', 'limit', 'offset', 'x'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('municipalities', 'topics', 'aggregates'),
        fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.string(), fc.uuid(), fc.integer().map(String)), {
          maxKeys: 4,
        }),
        async (endpoint, params) => {
          const query = new URLSearchParams(params).toString();
          const response = await ministry.get(`/api/v1/overview/${endpoint}?${query}`);
          expect([200, 400]).toContain(response.statusCode);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('anonymised aggregates', () => {
  let groups: Group[];
  let text: string;
  beforeAll(async () => {
    const response = await (await t.as('bsi')).get('/api/v1/overview/aggregates');
    expect(response.statusCode, response.body).toBe(200);
    text = response.body;
    groups = response.json().groups;
  });

  it('gives the observer figures per state, type and population band without any Kommune', async () => {
    for (const item of all) {
      expect(text).not.toContain(item.organisationId);
      expect(text).not.toContain(item.ars);
    }
    expect(text).not.toContain('Halberstadt');
    const total = groups.find((g) => g.dimension === 'total')!;
    expect(total.figures).toMatchObject({ assessed: all.filter((i) => i.assessment).length });
    expect(groups.find((g) => g.dimension === 'state')).toMatchObject({
      label: 'Sachsen-Anhalt',
      suppressed: false,
    });
    expect(groups.some((g) => g.dimension === 'size' && !g.suppressed)).toBe(true);
  });

  it('suppresses groups of fewer than five and the groups that would give them away', () => {
    for (const g of groups) {
      if (g.figures) expect(g.figures.assessed, `${g.dimension} ${g.key}`).toBeGreaterThanOrEqual(5);
      else expect(g.suppressed).toBe(true);
    }
    // Three kreisfreie Städte: suppressed, and with them the next smallest type (else total minus the rest).
    const types = groups.filter((g) => g.dimension === 'type' && g.state === null);
    expect(types.find((g) => g.key === 'Kreisfreie Stadt')).toMatchObject({
      suppressed: true,
      figures: null,
    });
    expect(types.filter((g) => g.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('suppression keeps every partition safe (unit)', () => {
    const make = (entries: [string, number][]) =>
      new Map(entries.map(([id, assessed]) => [id, { assessed, suppressed: false }]));
    const groups = make([
      ['total', 40],
      ['a', 3],
      ['b', 6],
      ['c', 31],
    ]);
    suppressSmallGroups(groups, [{ parent: 'total', children: ['a', 'b', 'c'] }]);
    expect([...groups].filter(([, g]) => g.suppressed).map(([id]) => id)).toEqual(['a', 'b']);
    const zero = make([
      ['total', 20],
      ['a', 0],
      ['b', 20],
    ]);
    suppressSmallGroups(zero, [{ parent: 'total', children: ['a', 'b'] }]);
    expect(zero.get('b')!.suppressed).toBe(false);
  });

  it('scopes a programme manager to her state', async () => {
    const body = (await ministry.get('/api/v1/overview/aggregates')).json();
    expect(body.groups.filter((g: Group) => g.dimension === 'state').map((g: Group) => g.label)).toEqual([
      'Sachsen-Anhalt',
    ]);
  });
});

describe('demo data', () => {
  it('is deterministic: the same ARS gives the same profile and the same answers', async () => {
    expect(kommuneProfile('150010000000', true)).toEqual(kommuneProfile('150010000000', true));
    const db = t.database.db;
    const item = all.find(
      (i) => i.assessment?.status === 'draft' && !Object.values(PILOT_ARS).includes(i.ars as never),
    )!;
    const organisationId = await organisationIdByArs(db, item.ars);
    const original = await db
      .selectFrom('assessment_answers')
      .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
      .select(['catalog_requirements.requirement_key', 'assessment_answers.status'])
      .where('assessment_id', '=', item.assessment!.id)
      .orderBy('catalog_requirements.requirement_key')
      .execute();
    const source = await db
      .selectFrom('assessments')
      .select(['catalog_id', 'requirement_count'])
      .where('id', '=', item.assessment!.id)
      .executeTakeFirstOrThrow();
    const copy = await db
      .insertInto('assessments')
      .values({
        organisation_id: organisationId,
        catalog_id: source.catalog_id,
        title: 'Kopie',
        subset: null,
        phase: 'self',
        predecessor_id: null,
        requirement_count: source.requirement_count,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const org = await db
      .selectFrom('organisations')
      .select(['type', 'population'])
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    const profile = kommuneProfile(item.ars, org.type === 'district' || (org.population ?? 0) > 50_000);
    await generatedAnswersStatement(
      source.catalog_id,
      [
        {
          assessmentId: copy.id,
          organisationId,
          seed: item.ars,
          maturity: profile.maturity,
          answered: profile.answered,
          notApplicable: profile.notApplicable,
        },
      ],
      new Date(),
    ).execute(db);
    const again = await db
      .selectFrom('assessment_answers')
      .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
      .select(['catalog_requirements.requirement_key', 'assessment_answers.status'])
      .where('assessment_id', '=', copy.id)
      .orderBy('catalog_requirements.requirement_key')
      .execute();
    expect(again).toEqual(original);
  });
});
