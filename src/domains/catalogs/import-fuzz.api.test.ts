/**
 * Fuzz of the import API: mutated small catalogs (and arbitrary JSON) posted as admin answer only
 * 201 or a 4xx problem+json, never a 5xx; a refused import leaves every catalog table and the
 * audit log as they were, an accepted one adds exactly the rows it reports.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { smallCatalog } from './oscal/test-helpers.ts';
import { type Mutation, mutate, tableCounts } from './test-support.ts';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
});
afterAll(() => t.close());

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'duplicate', 'add-member', 'retype'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', ' ', '1-bad', 'G2.1', '\u0000', '\ud800', 'x'.repeat(300), '__proto__', 'a/b~c'),
  ),
  key: fc.oneof(
    fc.constantFrom('id', 'title', 'controls', 'groups', 'parts', 'props', 'params', 'links', 'x-extra'),
    fc.string({ maxLength: 5 }),
  ),
});

let run = 0;

async function check(body: string, outcomes: Map<number, number>): Promise<void> {
  const before = await tableCounts(t.database.db);
  const response = await admin.post('/api/v1/catalogs', body);
  outcomes.set(response.statusCode, (outcomes.get(response.statusCode) ?? 0) + 1);
  const where = `${response.statusCode} ${response.body.slice(0, 300)}\nbody: ${body.slice(0, 500)}`;
  const after = await tableCounts(t.database.db);
  if (response.statusCode === 201) {
    const result = response.json();
    expect(after.catalogs - before.catalogs, where).toBe(result.catalogId ? 1 : 0);
    expect(after.catalog_groups - before.catalog_groups, where).toBe(result.groups);
    expect(after.catalog_requirements - before.catalog_requirements, where).toBe(result.controls);
    expect(after.audit_log - before.audit_log, where).toBe(1);
    return;
  }
  expect(response.statusCode, where).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, where).toBeLessThan(500);
  expect(response.headers['content-type'], where).toContain('application/problem+json');
  expect(after, where).toEqual(before);
}

describe('fuzz: import API', () => {
  it('mutated catalogs: 201 or 4xx problem, no partial writes', { timeout: 240_000 }, async () => {
    const outcomes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const doc = mutate(smallCatalog(), mutations);
        run++;
        // a fresh key per run, so that accepted documents do not turn into 409s
        await check(JSON.stringify({ document: doc, key: `fuzz-${run}` }), outcomes);
      }),
      {
        numRuns: 300,
        // once found by CI: a level prop "__proto__" found Object.prototype in the level table
        examples: [[[{ target: 1386437328, kind: 'replace', value: '__proto__', key: '' }]]],
      },
    );
    if (process.env.OSCAL_FUZZ_STATS) console.log(Object.fromEntries(outcomes));
    expect(outcomes.get(201) ?? 0).toBeGreaterThan(10);
    expect(outcomes.get(400) ?? 0).toBeGreaterThan(10);
  });

  it('arbitrary JSON bodies and text: 4xx problem, nothing written', { timeout: 120_000 }, async () => {
    const outcomes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ catalog: v })),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ profile: v })),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ 'mapping-collection': v })),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ document: v, with: [v] })),
          fc.string(),
        ),
        async (body) => check(body, outcomes),
      ),
      { numRuns: 150 },
    );
    expect(outcomes.get(201) ?? 0).toBe(0);
  });
});
