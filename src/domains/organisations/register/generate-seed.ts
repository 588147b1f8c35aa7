/**
 * Writes st-seed.generated.json from the reference files (see st-seed.ts).
 * Run: npx tsx src/domains/organisations/register/generate-seed.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSachsenAnhaltSeed, formatSeedTable, ST_SEED_URL } from './st-seed.ts';

const rows = buildSachsenAnhaltSeed();
writeFileSync(ST_SEED_URL, formatSeedTable(rows));
console.log(`wrote ${rows.length} rows to ${fileURLToPath(ST_SEED_URL)}`);
