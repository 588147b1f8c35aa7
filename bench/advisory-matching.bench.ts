/**
 * Advisory matching benchmark (issue 6):
 * 1. read (size check, UTF-8/JSON, sha512, strict schema + mandatory tests) + flatten + match
 *    1,000 advisories against 133 municipalities × 50 installed products. Budget: < 60 s.
 * 2. one new revision of an advisory (read + flatten + match against the whole inventory).
 *    Budget: < 200 ms.
 *
 *   npx tsx bench/advisory-matching.bench.ts
 *
 * The 1,000 advisories are made in memory from the real reference documents
 * (../shared/reference/csaf): new tracking ids, and vendors/products/CPEs/purls swapped for ones
 * from a product pool that the inventory also draws from, so that matches happen. Seeded, so
 * every run sees the same data. Exit code 1 when a budget is exceeded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flattenCsaf } from '../src/domains/advisories/csaf/flatten.ts';
import { loadCsafValidator, readCsaf } from '../src/domains/advisories/csaf/validate.ts';
import { type AliasEntry, AliasTable } from '../src/domains/advisories/matching/aliases.ts';
import {
  type AdvisoryMatch,
  type InstalledProduct,
  indexInventory,
  matchAdvisory,
} from '../src/domains/advisories/matching/match.ts';

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
const ADVISORIES = 1000;
const MUNICIPALITIES = 133;
const PRODUCTS_PER_MUNICIPALITY = 50;
const POOL = 400;
const BUDGET_TOTAL_MS = 60_000;
const BUDGET_REVISION_MS = 200;

const missing = BASES.filter((file) => !existsSync(fileURLToPath(new URL(file, REFERENCE))));
if (missing.length > 0) {
  console.warn(
    `advisory-matching bench skipped: ${missing.join(', ')} absent under ${fileURLToPath(REFERENCE)}`,
  );
  process.exit(0);
}

// --- deterministic randomness --------------------------------------------------------------------
let seed = 0x5eed_cafe;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

// --- product pool, alias table, inventory -------------------------------------------------------
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
const VERSIONS = [
  '1.0',
  '1.2.3',
  '2.0.1',
  '2.4.41',
  '2.4.58',
  '3.1',
  '7.1.1-12',
  '12.2(55)SE',
  '1.0.0-rc1',
  '4.2',
];

const aliasEntries: AliasEntry[] = pool.slice(0, 150).map((p) => ({
  id: `${p.cpeVendor}:${p.cpeProduct}`,
  cpes: [`${p.cpeVendor}:${p.cpeProduct}`],
  purls: [`pkg:generic/${p.cpeVendor}/${p.cpeProduct}`],
  names: [`${p.vendor} ${p.product}`],
}));
const aliases = new AliasTable(aliasEntries);

const inventory: InstalledProduct[] = [];
for (let m = 0; m < MUNICIPALITIES; m++) {
  const organisationId = `municipality-${String(m + 1).padStart(3, '0')}`;
  const chosen = new Set<number>();
  while (chosen.size < PRODUCTS_PER_MUNICIPALITY) chosen.add(Math.floor(random() * pool.length));
  for (const k of chosen) {
    const p = pool[k] as PoolProduct;
    const version = random() < 0.2 ? null : pick(VERSIONS);
    const shape = random();
    inventory.push({
      id: `${organisationId}-${k}`,
      organisationId,
      vendor: p.vendor,
      name: p.product,
      version,
      cpe:
        shape < 0.3
          ? `cpe:2.3:a:${p.cpeVendor}:${p.cpeProduct}:${version ? version.replace(/[()]/g, '\\$&') : '*'}:*:*:*:*:*:*:*`
          : shape < 0.45
            ? `cpe:/a:${p.cpeVendor}:${p.cpeProduct}`
            : null,
      purl: shape >= 0.45 && shape < 0.6 ? `pkg:generic/${p.cpeVendor}/${p.cpeProduct}` : null,
    });
  }
}

// --- 1,000 advisories mutated from the real ones --------------------------------------------------
type Json = Record<string, unknown>;
const bases = BASES.map((file) => JSON.parse(readFileSync(new URL(file, REFERENCE), 'utf8')) as Json);

function rewriteCpe(cpe: string, p: PoolProduct): string {
  if (cpe.startsWith('cpe:2.3:')) {
    const parts = cpe.split(':');
    parts[3] = p.cpeVendor;
    parts[4] = p.cpeProduct;
    return parts.join(':');
  }
  const parts = cpe.split(':');
  parts[2] = p.cpeVendor;
  parts[3] = p.cpeProduct;
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
    const product = branch.product as Json | undefined;
    const helper = product?.product_identification_helper as Json | undefined;
    if (identity && helper) {
      if (typeof helper.cpe === 'string') helper.cpe = rewriteCpe(helper.cpe, identity);
      if (typeof helper.purl === 'string')
        helper.purl = `pkg:generic/${identity.cpeVendor}/${identity.cpeProduct}`;
    }
    mutateBranches(branch.branches, identity);
  }
}

function makeAdvisory(i: number): Uint8Array {
  const doc = structuredClone(bases[i % bases.length] as Json);
  const tracking = (doc.document as Json).tracking as Json;
  tracking.id = `BASTEI-BENCH-${String(i).padStart(4, '0')}`;
  mutateBranches((doc.product_tree as Json | undefined)?.branches, null);
  return new TextEncoder().encode(JSON.stringify(doc, null, 2));
}

const generateStart = performance.now();
const documents = Array.from({ length: ADVISORIES }, (_, i) => makeAdvisory(i));
const generateMs = performance.now() - generateStart;
const totalBytes = documents.reduce((n, d) => n + d.byteLength, 0);

// --- 1. the batch ---------------------------------------------------------------------------------
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const counts: Record<AdvisoryMatch['class'], number> = {
  confirmed: 0,
  probable: 0,
  review: 0,
  suppressed: 0,
};
let readMs = 0;
let flattenMs = 0;
let matchMs = 0;
let leaves = 0;
const affectedOrganisations = new Set<string>();

// one-time cost per process, reported apart (the server pays it at start)
const loadStart = performance.now();
await loadCsafValidator();
const loadMs = performance.now() - loadStart;

const batchStart = performance.now();
const indexStart = performance.now();
const index = indexInventory(inventory, aliases);
const indexMs = performance.now() - indexStart;
for (const bytes of documents) {
  let t = performance.now();
  const read = await readCsaf(bytes);
  readMs += performance.now() - t;
  t = performance.now();
  const flat = flattenCsaf(read.document);
  flattenMs += performance.now() - t;
  t = performance.now();
  const matches = matchAdvisory(flat, index);
  matchMs += performance.now() - t;
  leaves += flat.leaves.length;
  for (const match of matches) {
    counts[match.class]++;
    if (match.class !== 'suppressed') affectedOrganisations.add(match.organisationId);
  }
}
const batchMs = performance.now() - batchStart;

// --- 2. one new revision --------------------------------------------------------------------------
function revision(baseIndex: number, n: number): Uint8Array {
  const doc = JSON.parse(new TextDecoder().decode(documents[baseIndex] as Uint8Array)) as Json;
  const tracking = (doc.document as Json).tracking as Json;
  const history = tracking.revision_history as Json[];
  const last = String((history[history.length - 1] as Json).number);
  const number = /^\d+$/.test(last) ? String(Number(last) + 1) : `${Number.parseInt(last, 10) + 1}.0.0`;
  const date = new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString();
  history.push({ number, date, summary: `Bench revision ${n}` });
  tracking.version = number;
  tracking.current_release_date = date;
  return new TextEncoder().encode(JSON.stringify(doc));
}

async function timeRevisions(
  baseIndex: number,
  runs: number,
): Promise<{ median: number; max: number; matches: number }> {
  const times: number[] = [];
  let matches = 0;
  for (let n = 1; n <= runs; n++) {
    const bytes = revision(baseIndex, n);
    const t = performance.now();
    const read = await readCsaf(bytes);
    matches = matchAdvisory(flattenCsaf(read.document), index).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    max: times[times.length - 1] as number,
    matches,
  };
}

const wid = await timeRevisions(1, 25); // BSI WID 3319 shape
const cisco = await timeRevisions(5, 25); // Cisco: 259 leaves, 130 KB

console.log(`validator library load (once per process, not in the batch): ${fmt(loadMs)}`);
console.log(
  `inventory: ${MUNICIPALITIES} municipalities × ${PRODUCTS_PER_MUNICIPALITY} = ${inventory.length} installed products, ${aliases.size} alias entries`,
);
console.log(
  `advisories: ${ADVISORIES} from ${BASES.length} reference documents, ${(totalBytes / 1024 / 1024).toFixed(1)} MiB, ${leaves} product leaves (generated in ${fmt(generateMs)})`,
);
console.log(
  `batch read+validate+flatten+match: ${fmt(batchMs)} (budget ${fmt(BUDGET_TOTAL_MS)}) = index ${fmt(indexMs)} + read/validate ${fmt(readMs)} + flatten ${fmt(flattenMs)} + match ${fmt(matchMs)}`,
);
console.log(
  `matches: confirmed ${counts.confirmed}, probable ${counts.probable}, review ${counts.review}, suppressed ${counts.suppressed}; ${affectedOrganisations.size} municipalities with something to look at`,
);
console.log(
  `one new revision (read+validate+flatten+match), median/max of 25: WID-shaped ${wid.median.toFixed(1)}/${wid.max.toFixed(1)} ms (${wid.matches} matches), Cisco-shaped ${cisco.median.toFixed(1)}/${cisco.max.toFixed(1)} ms (${cisco.matches} matches) (budget ${BUDGET_REVISION_MS} ms)`,
);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);

const failed =
  batchMs > BUDGET_TOTAL_MS || wid.median > BUDGET_REVISION_MS || cisco.median > BUDGET_REVISION_MS;
if (failed) {
  console.error('advisory-matching bench: budget exceeded');
  process.exit(1);
}
