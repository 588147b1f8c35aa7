import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** The SQL files of /migrations, ordered by their timestamp prefix. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{14}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: file.slice(0, 14),
        name: file.slice(15, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations, each in its own transaction together with its record in
 * schema_migrations. An advisory lock keeps concurrent starters on one PostgreSQL server from
 * racing; a changed, already applied file stops the start with a clear message.
 */
export async function migrate(database: Database, migrations = loadMigrations()): Promise<MigrationReport> {
  await database.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
  const applied: string[] = [];
  const rows = await database.db.selectFrom('schema_migrations').selectAll().execute();
  const known = new Map(rows.map((row) => [row.version, row]));
  for (const row of rows) {
    const file = migrations.find((m) => m.version === row.version);
    if (file && file.checksum !== row.checksum) {
      throw new AppError('internal', {
        detail: `Migration ${row.version}_${row.name} was changed after it was applied. Add a new migration instead.`,
      });
    }
  }
  for (const migration of migrations) {
    if (known.has(migration.version)) continue;
    const record = `INSERT INTO schema_migrations (version, name, checksum) VALUES ('${migration.version}', '${migration.name}', '${migration.checksum}')`;
    await database.exec(`BEGIN;
SELECT pg_advisory_xact_lock(7403117);
${migration.sql}
;
${record};
COMMIT;`);
    applied.push(`${migration.version}_${migration.name}`);
  }
  return { applied, alreadyApplied: known.size };
}

export async function currentSchemaVersion(database: Database): Promise<string | null> {
  const result = await sql<{
    version: string | null;
  }>`select max(version) as version from schema_migrations`.execute(database.db);
  return result.rows[0]?.version ?? null;
}
