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
import { flattenCsaf } from '../src/domains/advisories/csaf/flatten.ts';
import { loadCsafValidator, readCsaf } from '../src/domains/advisories/csaf/validate.ts';
import { AliasTable } from '../src/domains/advisories/matching/aliases.ts';
import {
  type AdvisoryMatch,
  type InstalledProduct,
  indexInventory,
  matchAdvisory,
} from '../src/domains/advisories/matching/match.ts';
import {
  BASE_DOCUMENTS,
  BenchWorld,
  CISCO_SHAPED,
  machineLoad,
  missingReferences,
  nextRevision,
  PRODUCTS_PER_KOMMUNE,
  WID_SHAPED,
} from './support/inventory.ts';

const ADVISORIES = 1000;
const MUNICIPALITIES = 133;
const BUDGET_TOTAL_MS = 60_000;
const BUDGET_REVISION_MS = 200;

const missing = missingReferences();
if (missing.length > 0) {
  console.warn(
    `advisory-matching bench skipped: ${missing.join(', ')} absent under ../shared/reference/csaf`,
  );
  process.exit(0);
}

const world = new BenchWorld();
const aliases = new AliasTable(world.aliases());
const organisationIds = Array.from(
  { length: MUNICIPALITIES },
  (_, m) => `municipality-${String(m + 1).padStart(3, '0')}`,
);
const inventory: InstalledProduct[] = world.inventory(organisationIds).map((p) => ({
  id: `${p.organisationId}-${p.poolIndex}`,
  organisationId: p.organisationId,
  vendor: p.vendor,
  name: p.product,
  version: p.version,
  cpe: p.cpe,
  purl: p.purl,
}));

const generateStart = performance.now();
const encoder = new TextEncoder();
const documents = world.advisories(ADVISORIES).map((doc) => encoder.encode(JSON.stringify(doc, null, 2)));
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
  const doc = JSON.parse(new TextDecoder().decode(documents[baseIndex] as Uint8Array));
  return encoder.encode(JSON.stringify(nextRevision(doc, n)));
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

const wid = await timeRevisions(WID_SHAPED, 25); // BSI WID 3319 shape
const cisco = await timeRevisions(CISCO_SHAPED, 25); // Cisco: 259 leaves, 130 KB

console.log(`validator library load (once per process, not in the batch): ${fmt(loadMs)}`);
console.log(
  `inventory: ${MUNICIPALITIES} municipalities × ${PRODUCTS_PER_KOMMUNE} = ${inventory.length} installed products, ${aliases.size} alias entries`,
);
console.log(
  `advisories: ${ADVISORIES} from ${BASE_DOCUMENTS.length} reference documents, ${(totalBytes / 1024 / 1024).toFixed(1)} MiB, ${leaves} product leaves (generated in ${fmt(generateMs)})`,
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
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB; ${machineLoad()}`);

const failed =
  batchMs > BUDGET_TOTAL_MS || wid.median > BUDGET_REVISION_MS || cisco.median > BUDGET_REVISION_MS;
if (failed) {
  console.error('advisory-matching bench: budget exceeded');
  process.exit(1);
}
