import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';

const dir = mkdtempSync(join(tmpdir(), 'bastei-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations on an existing data folder', () => {
  it('applies only what is new, keeps the data, and refuses an edited migration', async () => {
    const dataDir = join(dir, 'data');
    const all = loadMigrations();
    const first = await openDatabase({ kind: 'pglite', dataDir });
    expect((await migrate(first, all)).applied).toHaveLength(all.length);
    await sql`insert into organisations (type, name, short_name) values ('provider', 'Bleibt GmbH', 'Bleibt')`.execute(
      first.db,
    );
    await first.close();

    const extra = [
      ...all,
      {
        version: '29991231235959',
        name: 'later_change',
        sql: 'ALTER TABLE organisations ADD COLUMN website text;',
        checksum: 'later-change-v1',
      },
    ];
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const report = await migrate(reopened, extra);
      expect(report).toEqual({ applied: ['29991231235959_later_change'], alreadyApplied: all.length });
      const kept = await sql<{
        name: string;
        website: string | null;
      }>`select name, website from organisations where name = 'Bleibt GmbH'`.execute(reopened.db);
      expect(kept.rows).toEqual([{ name: 'Bleibt GmbH', website: null }]);
      const edited = extra.map((m) => (m.version === '29991231235959' ? { ...m, checksum: 'edited' } : m));
      await expect(migrate(reopened, edited)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await reopened.close();
    }
  });

  it('rolls back a failing migration completely', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      const broken = [
        ...loadMigrations(),
        {
          version: '29991231235958',
          name: 'broken',
          sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;',
          checksum: 'x',
        },
      ];
      await expect(migrate(database, broken)).rejects.toThrow(/no_such_table/);
      const leftover = await sql<{
        n: number;
      }>`select count(*)::int as n from information_schema.tables where table_name = 'half_done'`.execute(
        database.db,
      );
      expect(leftover.rows[0]!.n).toBe(0);
      const recorded = await sql<{
        n: number;
      }>`select count(*)::int as n from schema_migrations where version = '29991231235958'`.execute(
        database.db,
      );
      expect(recorded.rows[0]!.n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
