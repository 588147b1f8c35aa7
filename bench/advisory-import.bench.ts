/**
 * Advisory import benchmark (issue 6, items 3–4), through the service into the database:
 * 1. one bulk import (as `bastei advisories import <files…>` does it) of 1,000 advisories: read,
 *    validate, store byte-exact, supersede, match against the 133 Kommunen of Sachsen-Anhalt ×
 *    50 installed products, matches stored. Budget: < 60 s.
 * 2. one new revision of an advisory (supersedes the current one, re-matches it: only the changes
 *    to the previous revision's matches are written). Budget: < 200 ms.
 *
 *   npx tsx bench/advisory-import.bench.ts          (BENCH_ADVISORIES=200 for a shorter run)
 *
 * BENCH_PROFILE=<dir> writes a V8 CPU profile of the batch and one of the revisions there
 * (open in Chrome DevTools, or sum self time per file: the embedded database shows as wasm).
 *
 * Embedded PGlite (in memory), migrated and demo-seeded; the world (inventory, aliases,
 * advisories from the real reference documents) comes from ./support/inventory.ts. The machine is
 * shared: every figure is printed with the CPU time of this process and the load average, the
 * embedded database running in this process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { flattenCsaf } from '../src/domains/advisories/csaf/flatten.ts';
import { loadCsafValidator, readCsaf } from '../src/domains/advisories/csaf/validate.ts';
import { AliasTable } from '../src/domains/advisories/matching/aliases.ts';
import { indexInventory, matchAdvisory } from '../src/domains/advisories/matching/match.ts';
import { indexStamp } from '../src/domains/advisories/repository.ts';
import { importAdvisories, importAdvisory } from '../src/domains/advisories/service.ts';
import { seedDemo } from '../src/domains/demo/seed.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import {
  BenchWorld,
  CISCO_SHAPED,
  machineLoad,
  missingReferences,
  nextRevision,
  PRODUCTS_PER_KOMMUNE,
  WID_SHAPED,
} from './support/inventory.ts';

const ADVISORIES = Number(process.env.BENCH_ADVISORIES ?? 1000);
const BUDGET_TOTAL_MS = 60_000;
const BUDGET_REVISION_MS = 200;

const missing = missingReferences();
if (missing.length > 0) {
  console.warn(`advisory-import bench skipped: ${missing.join(', ')} absent under ../shared/reference/csaf`);
  process.exit(0);
}

const PROFILE_DIR = process.env.BENCH_PROFILE;
const inspector = PROFILE_DIR ? new Session() : null;
if (inspector && PROFILE_DIR) {
  mkdirSync(PROFILE_DIR, { recursive: true });
  inspector.connect();
  await inspector.post('Profiler.enable');
}
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!inspector || !PROFILE_DIR) return work();
  await inspector.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

// --- database: migrated, demo-seeded, inventory ---------------------------------------------------
const setupStart = performance.now();
const config = loadConfig({
  BASTEI_DEMO_PASSWORD: 'Bench-Passwort-2026!',
  BASTEI_ARGON2_MEMORY_KIB: '1024',
  LOG_LEVEL: 'silent',
});
const database = await openDatabase({ kind: 'pglite', dataDir: null });
await migrate(database);
await seedDemo(database.db, config);
const db = database.db;
const kommunen = await db
  .selectFrom('organisations')
  .select('id')
  .where('type', 'in', ['district', 'municipality'])
  .orderBy('ars')
  .execute();
const cert = await db
  .selectFrom('organisations')
  .select('id')
  .where('type', '=', 'cert')
  .executeTakeFirstOrThrow();
const world = new BenchWorld();
const inventory = world.inventory(kommunen.map((k) => k.id));
await db
  .insertInto('installed_products')
  .values(
    inventory.map((p) => ({
      organisation_id: p.organisationId,
      asset_id: null,
      vendor: p.vendor,
      product: p.product,
      version: p.version,
      cpe: p.cpe,
      purl: p.purl,
      created_by: null,
    })),
  )
  .execute();
const aliasEntries = world.aliases();
await db
  .insertInto('advisory_aliases')
  .values(
    aliasEntries.map((a) => ({
      organisation_id: cert.id,
      alias_key: a.id,
      cpes: [...(a.cpes ?? [])],
      purls: [...(a.purls ?? [])],
      names: [...(a.names ?? [])],
      created_by: null,
      updated_by: null,
    })),
  )
  .execute();
const documents = world.advisories(ADVISORIES);
const encoded = documents.map((doc) => Buffer.from(JSON.stringify(doc, null, 2)));
const bytes = encoded.reduce((n, b) => n + b.length, 0);
const setupMs = performance.now() - setupStart;
const loadStart = performance.now();
await loadCsafValidator();
const loadMs = performance.now() - loadStart;

// --- where the time goes: the CPU phases alone, on the same documents (outside the batch) --------
const phase = { read: 0, flatten: 0, match: 0, matches: 0 };
const products = (
  await db
    .selectFrom('installed_products')
    .select(['id', 'organisation_id', 'vendor', 'product', 'version', 'cpe', 'purl'])
    .execute()
).map((r) => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: r.product,
  vendor: r.vendor,
  version: r.version,
  cpe: r.cpe,
  purl: r.purl,
}));
const index = indexInventory(products, new AliasTable(aliasEntries));
for (const doc of encoded) {
  let t = performance.now();
  const read = await readCsaf(doc);
  phase.read += performance.now() - t;
  t = performance.now();
  const flat = flattenCsaf(read.document);
  phase.flatten += performance.now() - t;
  t = performance.now();
  phase.matches += matchAdvisory(flat, index).filter((m) => m.class !== 'suppressed').length;
  phase.match += performance.now() - t;
}
const t0 = performance.now();
const served = {
  all: false,
  organisationIds: [],
  subtreeRootIds: [
    (await db.selectFrom('organisations').select('id').where('type', '=', 'state').executeTakeFirstOrThrow())
      .id,
  ],
};
for (let i = 0; i < 20; i++) await indexStamp(db, served, cert.id);
const stampMs = (performance.now() - t0) / 20;

// --- 1. the batch: one call with every file --------------------------------------------------------
const ctx = systemContext(db, 'bench');
const totals = { confirmed: 0, probable: 0, review: 0 };
const batchLoad = machineLoad();
const batchCpu = process.cpuUsage();
const batchStart = performance.now();
const outcomes = await profiled('advisory-import-batch', () =>
  importAdvisories(ctx, encoded, { organisationId: cert.id }),
);
const batchMs = performance.now() - batchStart;
const batchCpuMs = cpuMs(batchCpu);
for (const outcome of outcomes) {
  if (!outcome.ok) throw outcome.error;
  totals.confirmed += outcome.result.matches.confirmed;
  totals.probable += outcome.result.matches.probable;
  totals.review += outcome.result.matches.review;
}
const storedMatches = await db
  .selectFrom('advisory_matches')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();

// --- 2. one new revision --------------------------------------------------------------------------
async function timeRevisions(position: number, runs: number) {
  const doc = documents[position] as Record<string, unknown>;
  const times: number[] = [];
  const cpu = process.cpuUsage();
  let matches = 0;
  for (let n = 1; n <= runs; n++) {
    const revision = Buffer.from(JSON.stringify(nextRevision(doc, n), null, 2));
    const t = performance.now();
    const result = await importAdvisory(ctx, revision, { organisationId: cert.id });
    times.push(performance.now() - t);
    if (!result.current || !result.supersededId) throw new Error('revision did not supersede');
    matches = result.matches.confirmed + result.matches.probable + result.matches.review;
  }
  const cpuEach = cpuMs(cpu) / runs;
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    max: times.at(-1) as number,
    matches,
    cpuEach,
  };
}
const revisionLoad = machineLoad();
const wid = await profiled('advisory-revision-wid', () => timeRevisions(WID_SHAPED, 15));
const cisco = await profiled('advisory-revision-cisco', () => timeRevisions(CISCO_SHAPED, 15));

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
console.log(
  `setup (migrate, seed, inventory, generate): ${fmt(setupMs)}; validator load once: ${fmt(loadMs)}`,
);
console.log(
  `inventory: ${kommunen.length} Kommunen × ${PRODUCTS_PER_KOMMUNE} = ${inventory.length} installed products, ${aliasEntries.length} alias entries`,
);
console.log(
  `batch import+validate+store+match of ${ADVISORIES} advisories (${(bytes / 1024 / 1024).toFixed(1)} MiB) in one call: ${fmt(batchMs)} wall, ${fmt(batchCpuMs)} CPU (budget ${fmt(BUDGET_TOTAL_MS)}), ${(batchMs / ADVISORIES).toFixed(1)} ms each; ${batchLoad} before`,
);
console.log(
  `matches stored: ${Number(storedMatches.n)} (confirmed ${totals.confirmed}, probable ${totals.probable}, review ${totals.review})`,
);
console.log(
  `CPU phases alone for the same ${ADVISORIES}: read+validate ${fmt(phase.read)}, flatten ${fmt(phase.flatten)}, match ${fmt(phase.match)} (${phase.matches} matches); inventory+alias stamp ${stampMs.toFixed(1)} ms per query (once per chunk of 100)`,
);
console.log(
  `one new revision through the service, median/max of 15 (mean CPU): WID-shaped ${wid.median.toFixed(1)}/${wid.max.toFixed(1)} ms (${wid.cpuEach.toFixed(1)} ms CPU, ${wid.matches} matches), Cisco-shaped ${cisco.median.toFixed(1)}/${cisco.max.toFixed(1)} ms (${cisco.cpuEach.toFixed(1)} ms CPU, ${cisco.matches} matches) (budget ${BUDGET_REVISION_MS} ms); ${revisionLoad} before`,
);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB; ${machineLoad()} at the end`);
await database.close();
if (batchMs > BUDGET_TOTAL_MS || wid.median > BUDGET_REVISION_MS || cisco.median > BUDGET_REVISION_MS) {
  console.error('advisory-import bench: budget exceeded');
  process.exit(1);
}
