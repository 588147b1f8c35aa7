import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { verifyAuditChain } from '../audit/audit.ts';
import { openDatabase } from '../db/database.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'bastei-backup-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const snapshot = async (db: TestApp['database']['db']) => {
  const tables = ['organisations', 'users', 'memberships', 'auditor_assignments', 'sessions', 'audit_log'];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    out[table] = (
      await sql<{
        row: unknown;
      }>`select row_to_json(t)::text as row from ${sql.id(table)} t order by 1`.execute(db)
    ).rows.map((r) => r.row);
  }
  return out;
};

describe('backup and restore', () => {
  // Dumps and restores the whole seeded demo state (every table, twice over): ~15 s on a quiet machine.
  it('restores a dump into an empty data folder with identical data, then the chain still verifies', {
    timeout: 120_000,
  }, async () => {
    const admin = await t.as('admin');
    await admin.post('/api/v1/organisations', { type: 'provider', name: 'Sicherungs GmbH' });
    const file = join(dir, 'bastei.backup.gz');
    const written = await backupDatabase(t.database, file);
    expect(written.tables.organisations).toBe(138);

    const target = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'restored') });
    try {
      const restored = await restoreDatabase(target, file);
      expect(restored.tables).toEqual(
        Object.fromEntries(Object.entries(written.tables).filter(([, n]) => n > 0)),
      );
      expect(await snapshot(target.db)).toEqual(await snapshot(t.database.db));
      expect((await verifyAuditChain(target.db)).ok).toBe(true);
      // New writes continue the identity sequence instead of colliding with restored ids.
      const next = await sql<{
        id: number;
      }>`select nextval(pg_get_serial_sequence('audit_log','id'))::int as id`.execute(target.db);
      expect(next.rows[0]!.id).toBeGreaterThan(written.tables.audit_log!);
      await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty/);
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a backup and leaves the target untouched', async () => {
    const file = join(dir, 'garbage.gz');
    writeFileSync(file, 'not gzip at all');
    const target = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await expect(restoreDatabase(target, file)).rejects.toThrow(/not a Bastei backup/);
    } finally {
      await target.close();
    }
  });
});
