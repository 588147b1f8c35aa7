import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import { currentSchemaVersion, loadMigrations, migrate } from '../db/migrate.ts';
import { AppError } from '../errors.ts';

const FORMAT = 'bastei-backup';
const FORMAT_VERSION = 1;
const PAGE_SIZE = 5_000;
const INSERT_BATCH = 500;

interface TableInfo {
  name: string;
  primaryKey: string;
}

interface BackupHeader {
  format: typeof FORMAT;
  formatVersion: number;
  schemaVersion: string;
  createdAt: string;
  tables: string[];
}

/** Every application table (schema_migrations is recreated by migrating) with its single-column primary key. */
async function listTables(db: Executor): Promise<TableInfo[]> {
  const result = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
    where i.indisprimary and n.nspname = current_schema() and c.relkind = 'r'
      and c.relname <> 'schema_migrations'
    order by c.relname`.execute(db);
  return result.rows.map((r) => ({ name: r.table_name, primaryKey: r.column_name }));
}

const ident = (name: string) => sql.id(name);

/**
 * Writes a consistent logical dump (one REPEATABLE READ snapshot) as gzipped JSON lines:
 * a header, then `{"t": table, "r": row}` per row. Rows come from row_to_json and go back
 * through json_populate_recordset, so every PostgreSQL type survives the trip exactly.
 */
export async function backupDatabase(
  database: Database,
  file: string,
): Promise<{ tables: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  const write = (line: unknown) =>
    new Promise<void>((resolve, reject) =>
      gzip.write(`${JSON.stringify(line)}\n`, (error) => (error ? reject(error) : resolve())),
    );
  await database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const tables = await listTables(trx);
      const schemaVersion = await sql<{
        version: string;
      }>`select max(version) as version from schema_migrations`.execute(trx);
      const header: BackupHeader = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        schemaVersion: schemaVersion.rows[0]?.version ?? '',
        createdAt: new Date().toISOString(),
        tables: tables.map((t) => t.name),
      };
      await write(header);
      for (const table of tables) {
        counts[table.name] = 0;
        let last: unknown = null;
        for (;;) {
          const after = last === null ? sql`true` : sql`${ident(table.primaryKey)} > ${last}`;
          const page = await sql<{ row: Record<string, unknown> }>`
            select row_to_json(t) as row from (
              select * from ${ident(table.name)} where ${after} order by ${ident(table.primaryKey)} limit ${PAGE_SIZE}
            ) t`.execute(trx);
          for (const { row } of page.rows) await write({ t: table.name, r: row });
          counts[table.name] = (counts[table.name] ?? 0) + page.rows.length;
          if (page.rows.length < PAGE_SIZE) break;
          last = page.rows.at(-1)!.row[table.primaryKey];
        }
      }
    });
  gzip.end();
  await done;
  return { tables: counts };
}

/**
 * Restores a dump into an empty database: migrates to the dump's schema version, loads all
 * rows in one transaction (constraints checked at commit), fixes identity sequences, then
 * applies any newer migrations. A non-empty target is refused.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
): Promise<{ tables: Record<string, number> }> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next().catch((error: unknown) => {
    throw new AppError('validation-failed', {
      detail: `${file} is not a Bastei backup (gzip expected).`,
      cause: error,
    });
  });
  const header = parseHeader(first.done ? '' : first.value, file);
  const migrations = loadMigrations();
  if (!migrations.some((m) => m.version === header.schemaVersion)) {
    throw new AppError('validation-failed', {
      detail: `The backup has schema version ${header.schemaVersion}, which this Bastei version does not know.`,
    });
  }
  await migrate(
    database,
    migrations.filter((m) => m.version <= header.schemaVersion),
  );
  if ((await currentSchemaVersion(database)) !== header.schemaVersion) {
    throw new AppError('conflict', {
      detail: 'The target database has a newer schema than the backup; restore into an empty one.',
    });
  }
  const counts: Record<string, number> = {};
  await database.db.transaction().execute(async (trx) => {
    const tables = await listTables(trx);
    for (const table of tables) {
      const rows = await sql<{ n: number }>`select count(*)::int as n from ${ident(table.name)}`.execute(trx);
      if ((rows.rows[0]?.n ?? 0) > 0) {
        throw new AppError('conflict', {
          detail: `The target database is not empty (table ${table.name} has rows).`,
        });
      }
    }
    const known = new Set(tables.map((t) => t.name));
    await sql`set constraints all deferred`.execute(trx);
    let batchTable = '';
    let batch: unknown[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await sql`insert into ${ident(batchTable)} select * from json_populate_recordset(null::${ident(batchTable)}, ${JSON.stringify(batch)}::json)`.execute(
        trx,
      );
      counts[batchTable] = (counts[batchTable] ?? 0) + batch.length;
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.trim() === '') continue;
      const entry = JSON.parse(next.value) as { t: string; r: unknown };
      if (!known.has(entry.t))
        throw new AppError('validation-failed', { detail: `Unknown table ${entry.t} in backup.` });
      if (entry.t !== batchTable || batch.length >= INSERT_BATCH) {
        await flush();
        batchTable = entry.t;
      }
      batch.push(entry.r);
    }
    await flush();
    const identities = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
    for (const { table_name, column_name } of identities.rows) {
      await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}), coalesce((select max(${ident(column_name)}) from ${ident(table_name)}), 0) + 1, false)`.execute(
        trx,
      );
    }
  });
  await migrate(database, migrations);
  return { tables: counts };
}

function parseHeader(line: string, file: string): BackupHeader {
  try {
    const header = JSON.parse(line) as Partial<BackupHeader>;
    if (
      header.format === FORMAT &&
      header.formatVersion === FORMAT_VERSION &&
      typeof header.schemaVersion === 'string'
    ) {
      return header as BackupHeader;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation-failed', {
    detail: `${file} is not a Bastei backup (format ${FORMAT} v${FORMAT_VERSION}).`,
  });
}
