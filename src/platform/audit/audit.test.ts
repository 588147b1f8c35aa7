import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { systemContext } from '../context.ts';
import { canonicalAroundId, recordAudit, verifyAuditChain } from './audit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const tamper = async (statement: ReturnType<typeof sql>) => {
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.database.db);
  await statement.execute(t.database.db);
  await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.database.db);
};

describe('audit log', () => {
  it('records every write with actor, action and before/after, in one intact chain', async () => {
    const admin = await t.as('admin');
    const me = (await admin.get('/api/v1/me')).json();
    const victim = (await admin.get('/api/v1/users?q=isb.halberstadt')).json().items[0];
    await admin.post(`/api/v1/users/${victim.id}/disable`);
    const entries = (await admin.get('/api/v1/audit?resourceType=user&limit=5')).json().items;
    expect(entries[0]).toMatchObject({
      actor: 'admin@demo.bastei.local',
      action: 'user.disable',
      resourceId: victim.id,
      before: { disabled: false },
      after: { disabled: true },
    });
    expect(me.user.email).toBe('admin@demo.bastei.local');
    const verification = await admin.get('/api/v1/audit/verify');
    expect(verification.json()).toMatchObject({ ok: true });
    expect(verification.json().checked).toBeGreaterThan(10);
  });

  it('refuses updates and deletes of audit rows, also for the application', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('finds an altered entry and names it', async () => {
    const target = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await tamper(sql`update audit_log set after = '{"role":"admin"}' where id = ${target.id}`);
    const result = await verifyAuditChain(t.database.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ id: target.id, reason: expect.stringMatching(/altered/) });
    expect(result.checked).toBe(3);
  });

  it('finds a removed entry', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select('id').orderBy('id').limit(6).execute();
    await tamper(sql`delete from audit_log where id = ${rows[4]!.id}`);
    const result = await verifyAuditChain(t.database.db, 2);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.id).toBe(rows[5]!.id);
    expect(result.firstBroken?.reason).toMatch(/removed/);
  });
});

const entryFields = fc.record({
  occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actorUserId: fc.option(fc.uuid(), { nil: null }),
  actorLabel: fc.string(),
  action: fc.string(),
  resourceType: fc.string(),
  resourceId: fc.option(fc.string(), { nil: null }),
  organisationId: fc.option(fc.uuid(), { nil: null }),
  before: fc.jsonValue(),
  after: fc.jsonValue(),
  requestId: fc.option(fc.string(), { nil: null }),
});

describe('appending in one statement', () => {
  it('the canonical JSON split around the id joins to the canonical JSON of the whole entry', () => {
    fc.assert(
      fc.property(entryFields, fc.nat(), (fields, id) => {
        const { head, tail } = canonicalAroundId(fields);
        expect(`${head}${id}${tail}`).toBe(canonicalize({ ...fields, id }));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes computed by the database verify in JavaScript, whatever the content', async () => {
    const samples = fc.sample(
      fc.record({
        action: fc.string({ unit: 'grapheme', maxLength: 30 }),
        resourceId: fc.option(fc.string({ unit: 'grapheme', maxLength: 30 }), { nil: null }),
        before: fc.jsonValue({ maxDepth: 3 }),
        after: fc.jsonValue({ maxDepth: 3 }),
      }),
      60,
    );
    // PostgreSQL text holds no NUL and jsonb no lone surrogate; audited values contain neither.
    const storable = (value: unknown) =>
      // (fast-check's objects may have no prototype: String(value) would throw on them)
      !/\\u0000|\\ud[89a-f]/i.test(JSON.stringify(value) ?? '') &&
      !(typeof value === 'string' && value.includes('\u0000'));
    const ctx = systemContext(t.database.db, 'audit-test');
    await t.database.db.transaction().execute(async (trx) => {
      for (const sample of samples) {
        if (!storable(sample.action) || !storable(sample.resourceId)) continue;
        if (!storable(sample.before) || !storable(sample.after)) continue;
        await recordAudit(ctx, trx, { ...sample, action: sample.action || 'x', resourceType: 'test' });
      }
    });
    const result = await verifyAuditChain(t.database.db, 7);
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses to append in a REPEATABLE READ transaction (a stale newest entry would fork the chain)', async () => {
    const ctx = systemContext(t.database.db, 'audit-test');
    await expect(
      t.database.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => recordAudit(ctx, trx, { action: 'x', resourceType: 'test' })),
    ).rejects.toThrow(/READ COMMITTED/);
  });
});
