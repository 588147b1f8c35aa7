/**
 * The overview reads `assessment_topic_counts`, kept by triggers on assessment_answers. These
 * tests check that every way answers change keeps the counts equal to a recount and the overview
 * equal to GET /assessments/{id}/scores: answering (one, bulk, back to open, justification only),
 * overriding and removing an override, submitting, verifying, freezing, the next phase, a new
 * assessment, a backup restored into an empty database, and random statement sequences.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp, TestClient, testConfig } from '../../../test/helpers.ts';
import { backupDatabase, restoreDatabase } from '../../platform/backup/backup.ts';
import type { Executor } from '../../platform/db/database.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { buildApp } from '../../platform/http/app.ts';
import { baselineCatalogId, createSmallCatalog, organisationIdByArs } from '../assessments/test-support.ts';
import { demoEmail, PILOT_ARS } from '../demo/seed.ts';

interface Item {
  organisationId: string;
  assessment: { id: string; status: string; phase: string; answered: number; total: number } | null;
  score: {
    overall: number | null;
    topics: { key: string; score: number | null; answered: number; total: number }[];
  } | null;
}
interface Scores {
  overall: { score: number | null; total: number };
  topics: { topic: { key: string }; score: number | null; total: number }[];
}

let t: TestApp;
let isb: TestClient;
let auditor: TestClient;
let ministry: TestClient;
let admin: TestClient;
let arneburg: string;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  isb = await t.as('isb.arneburg-goldbeck');
  auditor = await t.as('pruefer');
  ministry = await t.as('ministerium');
  admin = await t.as('admin');
  arneburg = await organisationIdByArs(t.database.db, PILOT_ARS.arneburgGoldbeck);
  dir = mkdtempSync(join(tmpdir(), 'bastei-overview-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body);

/** The counts table and a recount from the answers, as comparable sorted lists. */
async function countsAndRecount(db: Executor, only?: readonly string[]) {
  const where = only ? sql`where assessment_id = any(${[...only]}::uuid[])` : sql``;
  const kept = await sql<Record<string, unknown>>`
    select assessment_id, organisation_id, topic_id, yes, partial, no, not_applicable, open, answered, total
      from assessment_topic_counts ${where} order by assessment_id, topic_id nulls first`.execute(db);
  const recount = await sql<Record<string, unknown>>`
    select assessment_id, organisation_id, topic_id,
           count(*) filter (where coalesce(auditor_status, status) = 'yes')::int as yes,
           count(*) filter (where coalesce(auditor_status, status) = 'partial')::int as partial,
           count(*) filter (where coalesce(auditor_status, status) = 'no')::int as no,
           count(*) filter (where coalesce(auditor_status, status) = 'not_applicable')::int as not_applicable,
           count(*) filter (where coalesce(auditor_status, status) = 'open')::int as open,
           count(*) filter (where status <> 'open')::int as answered,
           count(*)::int as total
      from assessment_answers ${where}
     group by assessment_id, organisation_id, topic_id
     order by assessment_id, topic_id nulls first`.execute(db);
  return { kept: kept.rows, recount: recount.rows };
}

async function expectCountsExact(db: Executor = t.database.db, only?: readonly string[]) {
  const { kept, recount } = await countsAndRecount(db, only);
  expect(kept).toEqual(recount);
}

/** The overview item of a Kommune equals the assessment's own scores, overall and per topic. */
async function expectOverviewMatchesScores(organisationId: string, catalogId?: string) {
  const query = catalogId ? `&catalogId=${catalogId}` : '';
  const response = await ministry.get(`/api/v1/overview/municipalities?limit=500${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const item = (response.json().items as Item[]).find((i) => i.organisationId === organisationId)!;
  expect(item.assessment).not.toBeNull();
  const assessmentId = item.assessment!.id;
  const scores = (await admin.get(`/api/v1/assessments/${assessmentId}/scores`)).json() as Scores;
  const answers = (await admin.get(`/api/v1/assessments/${assessmentId}/answers`)).json() as {
    topics: { topic: { key: string }; answered: number; total: number }[];
  };
  expect(item.score!.overall).toBe(scores.overall.score);
  expect(item.assessment!.total).toBe(scores.overall.total);
  expect(item.assessment!.answered).toBe(answers.topics.reduce((n, x) => n + x.answered, 0));
  for (const topic of scores.topics) {
    const mine = item.score!.topics.find((x) => x.key === topic.topic.key);
    if (topic.total === 0) {
      expect(mine).toBeUndefined();
      continue;
    }
    expect(mine?.score, topic.topic.key).toBe(topic.score);
    expect(mine?.total).toBe(topic.total);
    expect(mine?.answered).toBe(answers.topics.find((x) => x.topic.key === topic.topic.key)!.answered);
  }
  return item;
}

describe('counts kept by triggers', () => {
  it('start equal to a recount after the demo seed (bulk inserts)', async () => {
    await expectCountsExact();
    const { kept } = await countsAndRecount(t.database.db);
    expect(kept.length).toBeGreaterThan(100 * 15);
  });

  it('follow answers, overrides, freezing and the next phase; the overview equals the scores at every step', async () => {
    const item = await expectOverviewMatchesScores(arneburg);
    const id = item.assessment!.id;
    expect(item.assessment!.status).toBe('draft');
    const answers = (await isb.get(`/api/v1/assessments/${id}/answers`)).json() as {
      topics: { answers: { requirementId: string; status: string }[] }[];
    };
    const open = answers.topics.flatMap((x) => x.answers).filter((a) => a.status === 'open');
    const answered = answers.topics.flatMap((x) => x.answers).filter((a) => a.status !== 'open');
    expect(open.length).toBeGreaterThan(20);

    // One answer, then back to open, then a justification-only change (counts untouched).
    const one = open[0]!.requirementId;
    expect((await put(isb, `/api/v1/assessments/${id}/answers/${one}`, { status: 'yes' })).statusCode).toBe(
      200,
    );
    await expectOverviewMatchesScores(arneburg);
    await put(isb, `/api/v1/assessments/${id}/answers/${one}`, { status: 'open' });
    const justified = await put(isb, `/api/v1/assessments/${id}/answers/${answered[0]!.requirementId}`, {
      status: answered[0]!.status,
      justification: 'nur die Begründung geändert',
    });
    expect(justified.statusCode, justified.body).toBe(200);
    await expectCountsExact();

    // The rest in bulk, with every status.
    const statuses = ['yes', 'partial', 'no', 'not_applicable'] as const;
    const bulk = await put(isb, `/api/v1/assessments/${id}/answers`, {
      answers: open.map((a, i) => ({
        requirementId: a.requirementId,
        status: statuses[i % statuses.length],
      })),
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    await expectCountsExact();
    expect((await expectOverviewMatchesScores(arneburg)).assessment!.answered).toBe(
      open.length + answered.length,
    );

    // Submitted: the auditor overrides (also to not applicable and back), then removes one override.
    expect((await isb.post(`/api/v1/assessments/${id}/submit`)).statusCode).toBe(200);
    const [o1, o2, o3] = [open[1]!, open[2]!, open[3]!].map((a) => a.requirementId);
    for (const [requirement, status] of [
      [o1, 'no'],
      [o2, 'not_applicable'],
      [o3, 'yes'],
      [o2, 'partial'],
    ] as const) {
      const response = await put(auditor, `/api/v1/assessments/${id}/answers/${requirement}/override`, {
        status,
        note: 'vor Ort geprüft',
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    await expectCountsExact();
    await expectOverviewMatchesScores(arneburg);
    await put(auditor, `/api/v1/assessments/${id}/answers/${o3}/override`, { status: null });
    await expectCountsExact();
    await expectOverviewMatchesScores(arneburg);

    // Verified and frozen: the status changes, the figures stay.
    expect((await auditor.post(`/api/v1/assessments/${id}/verify`)).statusCode).toBe(200);
    expect((await auditor.post(`/api/v1/assessments/${id}/freeze`)).statusCode).toBe(200);
    const frozen = await expectOverviewMatchesScores(arneburg);
    expect(frozen.assessment).toMatchObject({ id, status: 'frozen' });

    // The next phase copies the effective answers: the new assessment is the latest and scores the same.
    const next = await isb.post(`/api/v1/assessments/${id}/next-phase`, { phase: 'on_site' });
    expect(next.statusCode, next.body).toBe(201);
    const onSite = await expectOverviewMatchesScores(arneburg);
    expect(onSite.assessment).toMatchObject({ id: next.json().id, phase: 'on_site', status: 'draft' });
    expect(onSite.score!.overall).toBe(frozen.score!.overall);
    await expectCountsExact();
  });

  it('count a new assessment from its first (open) answers on', async () => {
    const catalogId = await baselineCatalogId(t);
    const all = (await ministry.get('/api/v1/overview/municipalities?status=none&limit=500')).json()
      .items as Item[];
    const kommune = all[0]!.organisationId;
    const created = await admin.post('/api/v1/assessments', { organisationId: kommune, catalogId });
    expect(created.statusCode, created.body).toBe(201);
    const item = await expectOverviewMatchesScores(kommune);
    expect(item.assessment).toMatchObject({ answered: 0, total: 257 });
    expect(item.score!.overall).toBe(0);
    await expectCountsExact();
  });

  it('survive backup and restore into an empty database: same counts, same overview, topics and aggregates', async () => {
    const file = join(dir, 'overview.backup.gz');
    const written = await backupDatabase(t.database, file);
    expect(written.tables).not.toHaveProperty('assessment_topic_counts');
    const target = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await restoreDatabase(target, file);
      await expectCountsExact(target.db);
      const source = await countsAndRecount(t.database.db);
      expect((await countsAndRecount(target.db)).kept).toEqual(source.kept);
      const app = await buildApp({ database: target, config: testConfig(), logger: false });
      await app.ready();
      try {
        const restored = new TestClient(app);
        expect((await restored.login(demoEmail('ministerium'), TEST_PASSWORD)).statusCode).toBe(200);
        for (const url of [
          '/api/v1/overview/municipalities?limit=500',
          '/api/v1/overview/topics',
          '/api/v1/overview/aggregates',
        ]) {
          const before = await ministry.get(url);
          const after = await restored.get(url);
          expect(after.statusCode, after.body).toBe(200);
          expect(after.json(), url).toEqual(before.json());
        }
      } finally {
        await app.close();
      }
    } finally {
      await target.close();
    }
  }, 300_000);
});

describe('counts under random changes (property)', () => {
  it('random answer and override sequences through the API keep overview and scores equal', async () => {
    const catalog = await createSmallCatalog(t.database.db, 'OV');
    const keys = Object.keys(catalog.requirementIds);
    const status = fc.constantFrom('yes', 'partial', 'no', 'not_applicable', 'open');
    const step = fc.record({ key: fc.constantFrom(...keys), status });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(step, fc.array(step, { minLength: 1, maxLength: 4 })), { maxLength: 6 }),
        fc.array(fc.record({ key: fc.constantFrom(...keys), status: fc.option(status, { nil: null }) }), {
          maxLength: 5,
        }),
        async (answerSteps, overrides) => {
          const created = await isb.post('/api/v1/assessments', {
            organisationId: arneburg,
            catalogId: catalog.id,
          });
          expect(created.statusCode, created.body).toBe(201);
          const id = created.json().id as string;
          for (const s of answerSteps) {
            const response = Array.isArray(s)
              ? await put(isb, `/api/v1/assessments/${id}/answers`, {
                  answers: [...new Map(s.map((x) => [x.key, x])).values()].map((x) => ({
                    requirementId: x.key,
                    status: x.status,
                  })),
                })
              : await put(isb, `/api/v1/assessments/${id}/answers/${s.key}`, { status: s.status });
            expect(response.statusCode, response.body).toBe(200);
          }
          expect((await isb.post(`/api/v1/assessments/${id}/submit`)).statusCode).toBe(200);
          for (const o of overrides) {
            const response = await put(auditor, `/api/v1/assessments/${id}/answers/${o.key}/override`, {
              status: o.status,
              ...(o.status ? { note: 'geprüft' } : {}),
            });
            expect(response.statusCode, response.body).toBe(200);
          }
          await expectOverviewMatchesScores(arneburg, catalog.id);
        },
      ),
      { numRuns: 15 },
    );
    await expectCountsExact();
  }, 180_000);

  it('random insert, update, move and delete statements on the answers keep the counts equal to a recount', async () => {
    const db = t.database.db;
    const catalog = await createSmallCatalog(db, 'OP');
    const topics = await db
      .selectFrom('catalog_groups')
      .select('id')
      .where('catalog_id', '=', catalog.id)
      .where('parent_id', 'is', null)
      .execute();
    const topicIds = [...topics.map((x) => x.id), null];
    const requirementIds = Object.values(catalog.requirementIds);
    const newAssessment = async () =>
      (
        await db
          .insertInto('assessments')
          .values({
            organisation_id: arneburg,
            catalog_id: catalog.id,
            title: 'Eigenschaftstest',
            subset: null,
            phase: 'self',
            predecessor_id: null,
            requirement_count: requirementIds.length,
            created_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const assessments = [await newAssessment(), await newAssessment()];
    const status = fc.constantFrom('yes', 'partial', 'no', 'not_applicable', 'open');
    const which = fc.record({
      assessment: fc.nat({ max: 1 }),
      requirements: fc.subarray(requirementIds, { minLength: 1 }),
    });
    const statement = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), which, status, topic: fc.constantFrom(...topicIds) }),
      fc.record({ kind: fc.constant('answer' as const), which, status }),
      fc.record({ kind: fc.constant('override' as const), which, status: fc.option(status, { nil: null }) }),
      fc.record({ kind: fc.constant('move' as const), which, topic: fc.constantFrom(...topicIds) }),
      fc.record({ kind: fc.constant('justify' as const), which }),
      fc.record({ kind: fc.constant('delete' as const), which }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 12 }), async (statements) => {
        for (const s of statements) {
          const assessmentId = assessments[s.which.assessment]!;
          const scope = sql`assessment_id = ${assessmentId} and requirement_id = any(${s.which.requirements}::uuid[])`;
          switch (s.kind) {
            case 'insert':
              await sql`
                insert into assessment_answers (organisation_id, assessment_id, requirement_id, topic_id, ordinal, status)
                select ${arneburg}::uuid, ${assessmentId}::uuid, r.id, ${s.topic}::uuid, r.ordinal, ${s.status}
                  from catalog_requirements r
                 where r.id = any(${s.which.requirements}::uuid[])
                on conflict (assessment_id, requirement_id) do nothing`.execute(db);
              break;
            case 'answer':
              await sql`update assessment_answers set status = ${s.status} where ${scope}`.execute(db);
              break;
            case 'override':
              await sql`update assessment_answers set auditor_status = ${s.status},
                        auditor_note = ${s.status === null ? null : 'geprüft'} where ${scope}`.execute(db);
              break;
            case 'move':
              await sql`update assessment_answers set topic_id = ${s.topic}::uuid where ${scope}`.execute(db);
              break;
            case 'justify':
              await sql`update assessment_answers set justification = 'geändert' where ${scope}`.execute(db);
              break;
            case 'delete':
              await sql`delete from assessment_answers where ${scope}`.execute(db);
              break;
          }
        }
        await expectCountsExact(db, assessments);
        const zero = await sql<{ n: number }>`
          select count(*)::int as n from assessment_topic_counts where total <= 0`.execute(db);
        expect(zero.rows[0]!.n).toBe(0);
      }),
      { numRuns: 30 },
    );
    // Deleting an assessment (answers first, or the assessment first with deferred checks) leaves nothing behind.
    await db.transaction().execute(async (trx) => {
      await sql`set constraints all deferred`.execute(trx);
      await sql`delete from assessments where id = ${assessments[0]}`.execute(trx);
      await sql`delete from assessment_answers where assessment_id = ${assessments[0]}`.execute(trx);
    });
    await sql`delete from assessment_answers where assessment_id = ${assessments[1]}`.execute(db);
    await sql`delete from assessments where id = ${assessments[1]}`.execute(db);
    const left = await sql<{ n: number }>`
      select count(*)::int as n from assessment_topic_counts where assessment_id = any(${assessments}::uuid[])`.execute(
      db,
    );
    expect(left.rows[0]!.n).toBe(0);
    await expectCountsExact();
  }, 180_000);
});
