/**
 * Fuzzing the answer API (single and bulk) with random paths and bodies: every response is a
 * 2xx or a 4xx problem+json, never a 5xx; a rejected request writes nothing; an accepted one
 * writes exactly one history row per changed answer and at most one audit entry.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { createSmallCatalog, organisationIdByArs, rowCounts, type SmallCatalog } from './test-support.ts';

// FUZZ_RUNS=1000 npx vitest run src/domains/assessments/answers-fuzz.test.ts for a longer run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
let t: TestApp;
let isb: TestClient;
let catalog: SmallCatalog;
let draftId: string;
let submittedId: string;

beforeAll(async () => {
  t = await createTestApp();
  const halberstadt = await organisationIdByArs(t.database.db, PILOT_ARS.halberstadt);
  catalog = await createSmallCatalog(t.database.db, 'FZ');
  isb = await t.as('isb.halberstadt');
  const create = async () =>
    (
      (
        await isb.post('/api/v1/assessments', { organisationId: halberstadt, catalogId: catalog.id })
      ).json() as { id: string }
    ).id;
  draftId = await create();
  submittedId = await create();
  await isb.post(`/api/v1/assessments/${submittedId}/submit`);
});
afterAll(() => t.close());

const keys = () => Object.values(catalog.topics).flat();
// Fastify's router answers path parameters over 100 characters itself (414, not problem+json:
// see the closing note); the fuzz stays within that limit.
const routable = (r: string) => encodeURIComponent(r).length <= 100;
const ref = () =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...keys()) },
    { weight: 2, arbitrary: fc.constantFrom(...Object.values(catalog.requirementIds)) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('..', '%2e%2e', 'a/b', ' ', "'; drop table x;--", '\u0000', 'ä'.repeat(300)),
    },
  );
const text = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constant(''),
  fc.constant('   '),
  fc.constant(null),
  fc.integer(),
  fc.constant('x'.repeat(10_001)),
);
const answer = fc.record(
  {
    status: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('yes', 'partial', 'no', 'not_applicable', 'open') },
      { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.constant('YES')) },
    ),
    justification: text,
    responsible: text,
    auditorStatus: fc.constantFrom('yes', 'no'),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 6, arbitrary: answer },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.string() },
);
const bulkBody = () =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        answers: fc.array(
          fc.record(
            {
              requirementId: ref(),
              status: fc.constantFrom('yes', 'partial', 'no', 'not_applicable', 'open', 'bogus'),
            },
            {
              requiredKeys: ['status'],
            },
          ),
          { maxLength: 12 },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.anything() },
  );

async function check(method: 'PUT', url: string, payload: unknown) {
  const before = await rowCounts(t.database.db);
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
  const response = await isb.request(method, url, raw);
  const after = await rowCounts(t.database.db);
  const where = `${method} ${url} ${raw.slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
  expect(response.statusCode, where).toBeLessThan(500);
  if (response.statusCode >= 400) {
    expect(response.headers['content-type'], where).toContain('application/problem+json');
    expect(after, where).toEqual(before);
    return;
  }
  expect(after.assessments, where).toBe(before.assessments);
  expect(after.assessment_answers, where).toBe(before.assessment_answers);
  const written = after.assessment_answer_history - before.assessment_answer_history;
  const json = response.json() as { changed?: number };
  if (json.changed !== undefined) expect(written, where).toBe(json.changed);
  expect(after.audit_log - before.audit_log, where).toBe(written > 0 ? 1 : 0);
}

describe('answer API fuzz', () => {
  it('PUT /assessments/{id}/answers/{requirementId}: only 2xx or 4xx problem+json, no partial writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        ref().filter(routable),
        body,
        fc.boolean(),
        async (requirement, payload, submitted) => {
          const id = submitted ? submittedId : draftId;
          await check('PUT', `/api/v1/assessments/${id}/answers/${encodeURIComponent(requirement)}`, payload);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('PUT /assessments/{id}/answers (bulk): all or nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bulkBody(), async (payload) => {
        await check('PUT', `/api/v1/assessments/${draftId}/answers`, payload);
      }),
      { numRuns: Math.ceil((RUNS * 2) / 3) },
    );
  });
});
