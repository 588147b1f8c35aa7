import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { PGliteDialect, PGliteDriver } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs a parameterless multi-statement script as one unit (migrations, restore). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: an image of the data folder (test templates). */
  dumpDataDir?(): Promise<Blob>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob; sharedBuffers?: string }
  | { kind: 'postgres'; url: string; poolSize?: number };

// Both drivers return the same JS types: bigint counts as numbers (all our counts fit), dates as Date.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => Number.parseInt(value, 10));

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on next use.
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      async exec(script) {
        const client = await pool.connect();
        try {
          // Without parameters pg uses the simple protocol, which accepts several statements.
          await client.query(script);
        } catch (error) {
          // A failed script leaves its explicit transaction aborted; end it before reuse.
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }

  let releaseLock: (() => void) | undefined;
  if (target.dataDir) {
    mkdirSync(target.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(target.dataDir);
  }
  try {
    // Loaded only when used: a server on PostgreSQL does not carry PGlite's 40 MB of code.
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = new PGlite({
      // PostgreSQL's default 128 MB of shared buffers would be most of an embedded server's memory.
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${target.sharedBuffers ?? '16MB'}`],
      dataDir: target.dataDir ?? undefined,
      loadDataDir: target.loadDataDir,
      parsers: { [INT8_OID]: (value: string) => Number.parseInt(value, 10) },
    });
    const driver = new PGliteDriver(pglite);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(driver) });
    await driver.init();
    return {
      kind: 'pglite',
      db,
      exec: (script) => driver.exec(script),
      dumpDataDir: () => pglite.dumpDataDir('none'),
      async close() {
        await db.destroy();
        releaseLock?.();
      },
    };
  } catch (error) {
    releaseLock?.();
    throw error;
  }
}
