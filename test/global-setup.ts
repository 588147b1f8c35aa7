import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seedDemo } from '../src/domains/demo/seed.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { ensureWebBuilt } from '../web/ensure-built.ts';
import { testConfig } from './config.ts';

/**
 * Builds one migrated, demo-seeded template database per run; every test file then starts
 * from a private copy of it (PGlite: a data-dir image; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup(): Promise<void> {
  // Once, before any test file: browser tests running in parallel must not rebuild web/dist
  // while another one serves it.
  await ensureWebBuilt({ quiet: true });
  const serverUrl = process.env.BASTEI_TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bastei_template WITH (FORCE)');
    await admin.query('CREATE DATABASE bastei_template');
    await admin.end();
    const database = await openDatabase({
      kind: 'postgres',
      url: withDatabaseName(serverUrl, 'bastei_template'),
    });
    await migrate(database);
    await seedDemo(database.db, testConfig());
    await database.close();
    return;
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database);
  await seedDemo(database.db, testConfig());
  const image = await dumpImage(database);
  const dir = fileURLToPath(new URL('../.bastei-test/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}template.tar`, Buffer.from(await image.arrayBuffer()));
  await database.close();
}

async function dumpImage(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!database.dumpDataDir) throw new Error('not a PGlite database');
  return database.dumpDataDir();
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
