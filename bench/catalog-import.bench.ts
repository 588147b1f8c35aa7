/**
 * Catalog import into the database (issue 3): the BSI Grundschutz++ Kernel catalog (3.8 MB,
 * 901 controls, 117 groups) from JSON text to stored rows, median of 3 runs, on PGlite
 *  - through the service (`importOscalCatalog`: parse, validate, map, one transaction, audit),
 *  - the same with validation against the official OSCAL JSON schema (BASTEI_OSCAL_SCHEMA_DIR),
 *  - through the API (POST /api/v1/catalogs as admin, incl. body parsing and the response),
 * in memory and on a data folder; plus the OSCAL export (GET …/export) for comparison.
 *
 *   npx tsx bench/catalog-import.bench.ts        (or: npm run bench -- catalog)
 *
 * Budget: < 2000 ms per import (exit code 1 when a median exceeds it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportCatalog, importOscalCatalog } from '../src/domains/catalogs/service.ts';
import { seedDemo } from '../src/domains/demo/seed.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/platform/http/app.ts';

const KERNEL = new URL(
  '../../shared/reference/catalogs/bsi-grundschutz-plusplus/BSI-Stand-der-Technik-Kernel-catalog.json',
  import.meta.url,
);
const SCHEMA_DIR = new URL('../../shared/reference/catalogs/oscal-schema/', import.meta.url);
const RUNS = 3;
const BUDGET_MS = 2000;
const PASSWORD = 'Bench-Passwort-2026!';

if (!existsSync(fileURLToPath(KERNEL))) {
  console.warn(`catalog-import bench skipped: ${fileURLToPath(KERNEL)} is absent`);
  process.exit(0);
}
const text = readFileSync(KERNEL, 'utf8');
const bytes = readFileSync(KERNEL);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
let over = false;

async function benchDatabase(label: string, dataDir: string | null): Promise<void> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrate(database);
    const config = loadConfig({
      BASTEI_DEMO_PASSWORD: PASSWORD,
      BASTEI_ARGON2_MEMORY_KIB: '1024',
      LOG_LEVEL: 'silent',
    });
    await seedDemo(database.db, config);
    const ctx = systemContext(database.db, 'bench');

    const service: number[] = [];
    let controls = 0;
    let lastId = '';
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const result = await importOscalCatalog(ctx, bytes, { key: `bench-service-${i}` });
      service.push(performance.now() - start);
      controls = result.controls;
      lastId = result.catalogId as string;
    }

    const withSchema: number[] = [];
    if (existsSync(fileURLToPath(SCHEMA_DIR))) {
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await importOscalCatalog(ctx, bytes, { key: `bench-schema-${i}`, schema: { schemaDir: SCHEMA_DIR } });
        withSchema.push(performance.now() - start);
      }
    }

    const app = await buildApp({ database, config, logger: false, webRoot: false } as Parameters<
      typeof buildApp
    >[0]);
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@demo.bastei.local', password: PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const api: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const payload = `{"document":${text},"key":"bench-api-${i}"}`;
      const start = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/catalogs',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        payload,
      });
      api.push(performance.now() - start);
      if (response.statusCode !== 201) throw new Error(`import failed: ${response.body.slice(0, 300)}`);
    }
    const exports: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/catalogs/${lastId}/export`,
        headers: { cookie },
      });
      exports.push(performance.now() - start);
      if (response.statusCode !== 200) throw new Error(`export failed: ${response.statusCode}`);
    }
    const exportService = performance.now();
    await exportCatalog(ctx, lastId);
    const exportServiceMs = performance.now() - exportService;
    await app.close();

    console.log(`${label}: Kernel ${(text.length / 1e6).toFixed(1)} MB, ${controls} controls`);
    console.log(
      `  service import (bytes → rows, audited), median of ${RUNS}: ${fmt(median(service))}  [${service.map(fmt).join(', ')}]`,
    );
    if (withSchema.length > 0) {
      console.log(
        `  service import with OSCAL JSON-schema validation, median of ${RUNS}: ${fmt(median(withSchema))}  [${withSchema.map(fmt).join(', ')}]`,
      );
    }
    console.log(
      `  API import POST /api/v1/catalogs, median of ${RUNS}: ${fmt(median(api))}  [${api.map(fmt).join(', ')}]`,
    );
    console.log(
      `  API export GET …/export, median of ${RUNS}: ${fmt(median(exports))}; service export once: ${fmt(exportServiceMs)}`,
    );
    if ([service, api, withSchema].some((v) => v.length > 0 && median(v) > BUDGET_MS)) over = true;
  } finally {
    await database.close();
  }
}

await benchDatabase('PGlite in memory', null);
const dir = mkdtempSync(join(tmpdir(), 'bastei-bench-catalog-'));
try {
  await benchDatabase('PGlite data folder', join(dir, 'data'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (over) {
  console.error(`over budget: a median exceeds ${BUDGET_MS} ms`);
  process.exitCode = 1;
}
