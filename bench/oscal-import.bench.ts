/**
 * Import benchmark for the BSI Grundschutz++ Kernel catalog (3.8 MB, 901 controls):
 * JSON text → JSON-schema + structural validation → CatalogModel, median of 5 runs.
 *
 *   npx tsx bench/oscal-import.bench.ts
 *
 * Budget: < 2000 ms per parse (exit code 1 when the median exceeds it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportOscalCatalog } from '../src/domains/catalogs/oscal/export.ts';
import { parseOscalCatalog } from '../src/domains/catalogs/oscal/import.ts';
import { countControls } from '../src/domains/catalogs/oscal/model.ts';

const REFERENCE = new URL('../../shared/reference/catalogs/', import.meta.url);
const KERNEL = new URL('bsi-grundschutz-plusplus/BSI-Stand-der-Technik-Kernel-catalog.json', REFERENCE);
const SCHEMA_DIR = new URL('oscal-schema/', REFERENCE);
const RUNS = 5;
const BUDGET_MS = 2000;

if (!existsSync(fileURLToPath(KERNEL))) {
  console.warn(`oscal-import bench skipped: ${fileURLToPath(KERNEL)} is absent`);
  process.exit(0);
}
const text = readFileSync(KERNEL, 'utf8');

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

// First run includes reading and compiling the JSON schema (cached afterwards).
const cold = time(() => parseOscalCatalog(text, { schemaDir: SCHEMA_DIR, requireSchema: true }));
const withSchema: number[] = [];
const structural: number[] = [];
const exports: number[] = [];
let controls = 0;
for (let i = 0; i < RUNS; i++) {
  withSchema.push(
    time(() => {
      controls = countControls(parseOscalCatalog(text, { schemaDir: SCHEMA_DIR, requireSchema: true }));
    }),
  );
  structural.push(time(() => parseOscalCatalog(text)));
}
const model = parseOscalCatalog(text);
for (let i = 0; i < RUNS; i++) exports.push(time(() => JSON.stringify(exportOscalCatalog(model))));

console.log(`Kernel catalog: ${(text.length / 1e6).toFixed(1)} MB, ${controls} controls`);
console.log(`parse + JSON-schema + structural validation, cold (incl. schema compile): ${fmt(cold)}`);
console.log(`parse + JSON-schema + structural validation, median of ${RUNS}: ${fmt(median(withSchema))}`);
console.log(`parse + structural validation only, median of ${RUNS}: ${fmt(median(structural))}`);
console.log(`export + JSON.stringify, median of ${RUNS}: ${fmt(median(exports))}`);
if (median(withSchema) > BUDGET_MS) {
  console.error(`over budget: ${fmt(median(withSchema))} > ${BUDGET_MS} ms`);
  process.exitCode = 1;
}
