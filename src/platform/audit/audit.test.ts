import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { verifyAuditChain } from './audit.ts';

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
