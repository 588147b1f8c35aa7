/**
 * Advisory import benchmark (issue 6, items 3–4), through the service into the database:
 * 1. import (read, validate, store byte-exact, supersede) and match 1,000 advisories against the
 *    133 Kommunen of Sachsen-Anhalt × 50 installed products, one transaction per advisory, matches
 *    stored. Budget: < 60 s.
 * 2. one new revision of an advisory (supersedes the current one, replaces its matches).
 *    Budget: < 200 ms.
 *
 *   npx tsx bench/advisory-import.bench.ts
 *
 * Embedded PGlite (in memory), migrated and demo-seeded. The advisories are made from the real
 * reference documents (../shared/reference/csaf) with new tracking ids and products swapped for
 * ones from a pool the inventory also draws from, seeded so every run sees the same data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCsafValidator, readCsaf } from '../src/domains/advisories/csaf/validate.ts';
import { inventoryStamp } from '../src/domains/advisories/repository.ts';
import { importAdvisory } from '../src/domains/advisories/service.ts';
import { seedDemo } from '../src/domains/demo/seed.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const REFERENCE = new URL('../../shared/reference/csaf/', import.meta.url);
const BASES = [
  'bsi-wid/wid-sec-w-2023-1632.json',
  'bsi-wid/wid-sec-w-2024-3319.json',
  'cisa/va-24-201-01.json',
  'isduba-revisions/avendor-advisory-0004.v3-final.json',
  'oasis/examples/bsi-2022-0001.json',
  'oasis/examples/cisco-sa-20180328-smi2.json',
  'oasis/examples/rhsa-2022_0011.json',
  'oasis/vex/2022-evd-uc-01-a-001.json',
  'oasis/vex/2022-evd-uc-01-f-001.json',
  'oasis/vex/2022-evd-uc-02-na-001.json',
];
const ADVISORIES = Number(process.env.BENCH_ADVISORIES ?? 1000);
const PRODUCTS_PER_KOMMUNE = 50;
const POOL = 400;
const BUDGET_TOTAL_MS = 60_000;
const BUDGET_REVISION_MS = 200;

const missing = BASES.filter((file) => !existsSync(fileURLToPath(new URL(file, REFERENCE))));
if (missing.length > 0) {
  console.warn(
    `advisory-import bench skipped: ${missing.join(', ')} absent under ${fileURLToPath(REFERENCE)}`,
  );
  process.exit(0);
}

let seed = 0x5eed_cafe;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

interface PoolProduct {
  vendor: string;
  product: string;
  cpeVendor: string;
  cpeProduct: string;
}
const pool: PoolProduct[] = [
  { vendor: 'Apache', product: 'HTTP Server', cpeVendor: 'apache', cpeProduct: 'http_server' },
  { vendor: 'Debian', product: 'Debian Linux', cpeVendor: 'debian', cpeProduct: 'debian_linux' },
  { vendor: 'Cisco', product: 'IOS', cpeVendor: 'cisco', cpeProduct: 'ios' },
];
for (let i = pool.length; i < POOL; i++) {
  pool.push({
    vendor: `Vendor ${i}`,
    product: `Product ${i}`,
    cpeVendor: `vendor${i}`,
    cpeProduct: `product_${i}`,
  });
}
const VERSIONS = ['1.0', '1.2.3', '2.0.1', '2.4.41', '2.4.58', '3.1', '7.1.1-12', '1.0.0-rc1', '4.2'];

type Json = Record<string, unknown>;
const bases = BASES.map((file) => JSON.parse(readFileSync(new URL(file, REFERENCE), 'utf8')) as Json);
function rewriteCpe(cpe: string, p: PoolProduct): string {
  const parts = cpe.split(':');
  const at = cpe.startsWith('cpe:2.3:') ? 3 : 2;
  parts[at] = p.cpeVendor;
  parts[at + 1] = p.cpeProduct;
  return parts.join(':');
}
function mutateBranches(branches: unknown, current: PoolProduct | null): void {
  if (!Array.isArray(branches)) return;
  for (const branch of branches as Json[]) {
    let identity = current;
    if (branch.category === 'vendor') {
      identity = pick(pool);
      branch.name = identity.vendor;
    } else if (branch.category === 'product_name' && identity) {
      branch.name = identity.product;
    }
    const helper = (branch.product as Json | undefined)?.product_identification_helper as Json | undefined;
    if (identity && helper) {
      if (typeof helper.cpe === 'string') helper.cpe = rewriteCpe(helper.cpe, identity);
      if (typeof helper.purl === 'string')
        helper.purl = `pkg:generic/${identity.cpeVendor}/${identity.cpeProduct}`;
    }
    mutateBranches(branch.branches, identity);
  }
}
function makeAdvisory(i: number): Json {
  const doc = structuredClone(bases[i % bases.length] as Json);
  ((doc.document as Json).tracking as Json).id = `BASTEI-BENCH-${String(i).padStart(4, '0')}`;
  mutateBranches((doc.product_tree as Json | undefined)?.branches, null);
  return doc;
}
const encode = (doc: Json) => Buffer.from(JSON.stringify(doc, null, 2));

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
  .execute();
const cert = await db
  .selectFrom('organisations')
  .select('id')
  .where('type', '=', 'cert')
  .executeTakeFirstOrThrow();
let productCount = 0;
for (const kommune of kommunen) {
  const chosen = new Set<number>();
  while (chosen.size < PRODUCTS_PER_KOMMUNE) chosen.add(Math.floor(random() * pool.length));
  const rows = [...chosen].map((k) => {
    const p = pool[k] as PoolProduct;
    const version = random() < 0.2 ? null : pick(VERSIONS);
    const shape = random();
    return {
      organisation_id: kommune.id,
      asset_id: null,
      vendor: p.vendor,
      product: p.product,
      version,
      cpe:
        shape < 0.3
          ? `cpe:2.3:a:${p.cpeVendor}:${p.cpeProduct}:${version ?? '*'}:*:*:*:*:*:*:*`
          : shape < 0.45
            ? `cpe:/a:${p.cpeVendor}:${p.cpeProduct}`
            : null,
      purl: shape >= 0.45 && shape < 0.6 ? `pkg:generic/${p.cpeVendor}/${p.cpeProduct}` : null,
      created_by: null,
    };
  });
  await db.insertInto('installed_products').values(rows).execute();
  productCount += rows.length;
}
const aliasRows = pool.slice(0, 150).map((p) => ({
  organisation_id: cert.id,
  alias_key: `${p.cpeVendor}:${p.cpeProduct}`,
  cpes: [`${p.cpeVendor}:${p.cpeProduct}`],
  purls: [`pkg:generic/${p.cpeVendor}/${p.cpeProduct}`],
  names: [`${p.vendor} ${p.product}`],
  created_by: null,
  updated_by: null,
}));
await db.insertInto('advisory_aliases').values(aliasRows).execute();
const documents = Array.from({ length: ADVISORIES }, (_, i) => makeAdvisory(i));
const setupMs = performance.now() - setupStart;
const loadStart = performance.now();
await loadCsafValidator();
const loadMs = performance.now() - loadStart;

// --- where the time goes (a sample, outside the batch) -------------------------------------------
const sample = documents.slice(0, 50).map(encode);
let t0 = performance.now();
for (const bytes of sample) await readCsaf(bytes);
const readEachMs = (performance.now() - t0) / sample.length;
t0 = performance.now();
const served = {
  all: false,
  organisationIds: [],
  subtreeRootIds: [
    (await db.selectFrom('organisations').select('id').where('type', '=', 'state').executeTakeFirstOrThrow())
      .id,
  ],
};
for (let i = 0; i < 20; i++) await inventoryStamp(db, served);
const fingerprintMs = (performance.now() - t0) / 20;

// --- 1. the batch ---------------------------------------------------------------------------------
const ctx = systemContext(db, 'bench');
const totals = { confirmed: 0, probable: 0, review: 0 };
let bytes = 0;
const batchStart = performance.now();
for (const doc of documents) {
  const encoded = encode(doc);
  bytes += encoded.length;
  const result = await importAdvisory(ctx, encoded, { organisationId: cert.id });
  totals.confirmed += result.matches.confirmed;
  totals.probable += result.matches.probable;
  totals.review += result.matches.review;
}
const batchMs = performance.now() - batchStart;
const stored = await db
  .selectFrom('advisory_matches')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();

// --- 2. one new revision --------------------------------------------------------------------------
async function timeRevisions(index: number, runs: number) {
  const doc = documents[index] as Json;
  const times: number[] = [];
  let matches = 0;
  for (let n = 1; n <= runs; n++) {
    const tracking = (doc.document as Json).tracking as Json;
    const history = tracking.revision_history as Json[];
    const last = String((history[history.length - 1] as Json).number);
    const number = /^\d+$/.test(last) ? String(Number(last) + 1) : `${Number.parseInt(last, 10) + 1}.0.0`;
    const date = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
    history.push({ number, date, summary: `Bench revision ${n}` });
    tracking.version = number;
    tracking.current_release_date = date;
    const encoded = encode(doc);
    const t = performance.now();
    const result = await importAdvisory(ctx, encoded, { organisationId: cert.id });
    times.push(performance.now() - t);
    if (!result.current || !result.supersededId) throw new Error('revision did not supersede');
    matches = result.matches.confirmed + result.matches.probable + result.matches.review;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, max: times.at(-1) as number, matches };
}
const wid = await timeRevisions(1, 15);
const cisco = await timeRevisions(5, 15);

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
console.log(
  `setup (migrate, seed, inventory, generate): ${fmt(setupMs)}; validator load once: ${fmt(loadMs)}`,
);
console.log(
  `inventory: ${kommunen.length} Kommunen × ${PRODUCTS_PER_KOMMUNE} = ${productCount} installed products, ${aliasRows.length} alias entries`,
);
console.log(
  `batch import+validate+store+match of ${ADVISORIES} advisories (${(bytes / 1024 / 1024).toFixed(1)} MiB) into the DB: ${fmt(batchMs)} (budget ${fmt(BUDGET_TOTAL_MS)}), ${(batchMs / ADVISORIES).toFixed(1)} ms each`,
);
console.log(
  `matches stored: ${Number(stored.n)} (confirmed ${totals.confirmed}, probable ${totals.probable}, review ${totals.review})`,
);
console.log(
  `one new revision through the service, median/max of 15: WID-shaped ${wid.median.toFixed(1)}/${wid.max.toFixed(1)} ms (${wid.matches} matches), Cisco-shaped ${cisco.median.toFixed(1)}/${cisco.max.toFixed(1)} ms (${cisco.matches} matches) (budget ${BUDGET_REVISION_MS} ms)`,
);
console.log(
  `breakdown (sample): read+validate ${readEachMs.toFixed(1)} ms per advisory, inventory stamp ${fingerprintMs.toFixed(1)} ms per import`,
);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
await database.close();
if (batchMs > BUDGET_TOTAL_MS || wid.median > BUDGET_REVISION_MS || cisco.median > BUDGET_REVISION_MS) {
  console.error('advisory-import bench: budget exceeded');
  process.exit(1);
}
