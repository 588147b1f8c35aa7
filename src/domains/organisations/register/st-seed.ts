/**
 * Builds the Sachsen-Anhalt seed table (st-seed.generated.json) from the reference files with our
 * own parsers: the 133-list and GV100AD (Land 15) must agree on every seed field, or this throws.
 * Used by generate-seed.ts and by the test that checks the committed seed.
 */
import { readFileSync } from 'node:fs';
import { parseRegisterFile } from './index.ts';
import { type SeedRow, toSeedTable } from './register.ts';

/** /work/shared/reference/municipalities/ seen from this folder (dev and test only). */
export const REFERENCE_DIR = new URL('../../../../../shared/reference/municipalities/', import.meta.url);
export const GV100AD_FILE = 'destatis/GV100AD_30112025.txt';
export const ST_KOMMUNEN_FILE = 'derived/st-kommunen-133.csv';
export const ST_SEED_URL = new URL('./st-seed.generated.json', import.meta.url);
/** 1 Land + 3 kreisfreie Städte + 11 Landkreise + 18 Verbandsgemeinden + 101 Einheitsgemeinden. */
export const ST_SEED_SIZE = 134;

export function buildSachsenAnhaltSeed(referenceDir: URL = REFERENCE_DIR): SeedRow[] {
  const read = (file: string) => readFileSync(new URL(file, referenceDir));
  const fromList = toSeedTable(parseRegisterFile(read(ST_KOMMUNEN_FILE)).units);
  const fromGv = toSeedTable(parseRegisterFile(read(GV100AD_FILE), { state: '15' }).units);
  if (fromList.length !== ST_SEED_SIZE || fromGv.length !== ST_SEED_SIZE) {
    throw new Error(
      `expected ${ST_SEED_SIZE} units, got ${fromList.length} (133-list) and ${fromGv.length} (GV100AD)`,
    );
  }
  fromList.forEach((row, i) => {
    const other = fromGv[i];
    if (JSON.stringify(row) !== JSON.stringify(other)) {
      throw new Error(`133-list and GV100AD disagree: ${JSON.stringify(row)} vs ${JSON.stringify(other)}`);
    }
  });
  return fromList;
}

/** One row per line, so diffs of the committed file stay readable. */
export function formatSeedTable(rows: readonly SeedRow[]): string {
  return `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
}
