/**
 * Saving one answer in one statement (issue 3): the database builds the audit entry's canonical
 * JSON, so whatever text an answer holds the chain must verify in JavaScript; concurrent savers
 * of one answer must each record what they really overwrote; unchanged saves write nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { createSmallCatalog, organisationIdByArs, rowCounts, type SmallCatalog } from './test-support.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
let t: TestApp;
let isb: TestClient;
let admin: TestClient;
let catalog: SmallCatalog;
let draftId: string;

beforeAll(async () => {
  t = await createTestApp();
  const halberstadt = await organisationIdByArs(t.database.db, PILOT_ARS.halberstadt);
  catalog = await createSmallCatalog(t.database.db, 'AS');
  isb = await t.as('isb.halberstadt');
  admin = await t.as('admin');
  const created = await isb.post('/api/v1/assessments', {
    organisationId: halberstadt,
    catalogId: catalog.id,
  });
  draftId = (created.json() as { id: string }).id;
});
afterAll(() => t.close());

const put = (client: TestClient, key: string, body: unknown) =>
  client.request('PUT', `/api/v1/assessments/${draftId}/answers/${encodeURIComponent(key)}`, body);

/** Text that JSON escapes in every way: quotes, backslashes, control characters, non-BMP, separators. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '"',
      '\\',
      '/',
      '\b',
      '\f',
      '\n',
      '\r',
      '\t',
      '\u0001',
      '\u001f',
      '\u007f',
      '\u2028',
      '\u2029',
    ),
    fc.constantFrom('ä', 'ß', '€', '😀', '\uFEFF', '\u00a0', "'", '<', '}'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000'),
  ),
  minLength: 1,
  maxLength: 40,
});

interface AuditItem {
  action: string;
  resourceType: string;
  resourceId: string;
  organisationId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

async function latestAudit(): Promise<AuditItem> {
  return (await admin.get('/api/v1/audit?resourceType=assessment_answer&limit=1')).json().items[0];
}

describe('saving one answer in one statement', () => {
  it('records before and after exactly, and the chain verifies, whatever the text', async () => {
    const key = catalog.topics.T1[0]!;
    await fc.assert(
      fc.asyncProperty(tricky, fc.option(tricky, { nil: undefined }), async (justification, responsible) => {
        const previous = (await t.database.db
          .selectFrom('assessment_answers')
          .select(['id', 'status', 'justification', 'responsible', 'organisation_id'])
          .where('assessment_id', '=', draftId)
          .where('requirement_id', '=', catalog.requirementIds[key]!)
          .executeTakeFirstOrThrow())!;
        const response = await put(isb, key, {
          status: previous.status === 'yes' ? 'no' : 'yes',
          justification,
          ...(responsible === undefined ? {} : { responsible }),
        });
        expect(response.statusCode, response.body).toBe(200);
        const saved = response.json();
        const entry = await latestAudit();
        expect(entry).toMatchObject({
          action: 'assessment.answer',
          resourceType: 'assessment_answer',
          resourceId: previous.id,
          organisationId: previous.organisation_id,
          before: {
            requirement: key,
            status: previous.status,
            justification: previous.justification,
            responsible: previous.responsible,
          },
          after: {
            requirement: key,
            status: saved.status,
            justification: saved.justification,
            // Omitted: kept as it was.
            responsible: responsible === undefined ? previous.responsible : saved.responsible,
          },
        });
        expect(saved.responsible).toBe(responsible === undefined ? previous.responsible : saved.responsible);
      }),
      { numRuns: RUNS },
    );
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('an unchanged answer writes nothing; omitted fields stay as they are', async () => {
    const key = catalog.topics.T2[0]!;
    const first = await put(isb, key, { status: 'partial', justification: 'Teilweise', responsible: 'IT' });
    expect(first.statusCode).toBe(200);
    const before = await rowCounts(t.database.db);
    const again = await put(isb, key, { status: 'partial' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'partial', justification: 'Teilweise', responsible: 'IT' });
    expect(again.json().answeredBy.id).toBe(first.json().answeredBy.id);
    expect(again.json().answeredAt).toBe(first.json().answeredAt);
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('concurrent savers of one answer: each history row starts where the previous one ended', async () => {
    const key = catalog.topics.T2[1]!;
    const requirementId = catalog.requirementIds[key]!;
    const member = await t.as('isb.halberstadt');
    const statuses = ['yes', 'no', 'partial', 'not_applicable'] as const;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        put(i % 2 === 0 ? isb : member, key, { status: statuses[i % 4], justification: `Schreiber ${i}` }),
      ),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    const history = await t.database.db
      .selectFrom('assessment_answer_history')
      .select(['previous', 'next'])
      .where('assessment_id', '=', draftId)
      .where('requirement_id', '=', requirementId)
      .orderBy('id')
      .execute();
    expect(history).toHaveLength(20);
    expect(history[0]!.previous).toEqual({ status: 'open', justification: null, responsible: null });
    for (let i = 1; i < history.length; i++) expect(history[i]!.previous).toEqual(history[i - 1]!.next);
    const final = await t.database.db
      .selectFrom('assessment_answers')
      .select(['status', 'justification', 'responsible'])
      .where('assessment_id', '=', draftId)
      .where('requirement_id', '=', requirementId)
      .executeTakeFirstOrThrow();
    expect(history.at(-1)!.next).toEqual(final);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('by requirement id works like by key, and the slow path still says why nothing was saved', async () => {
    const key = catalog.topics.T3[0]!;
    const byId = await put(isb, catalog.requirementIds[key]!.toUpperCase(), { status: 'no' });
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json()).toMatchObject({ requirementKey: key, status: 'no' });
    expect((await put(isb, 'GIBT-ES-NICHT', { status: 'no' })).statusCode).toBe(400);
    const ministry = await t.as('ministerium');
    expect((await put(ministry, key, { status: 'yes' })).statusCode).toBe(403);
    const other = await t.as('isb.salzlandkreis');
    expect((await put(other, key, { status: 'yes' })).statusCode).toBe(404);
  });
});
