/**
 * Asset inventory benchmark (issue 5, item 1), through the services into the database:
 * 1. CSV import of 4,001 rows (a domain, 1,000 hosts, 2,000 services of which 1,000 carry an
 *    installed product, 1,000 product rows) into one Kommune, in one transaction. Budget: < 20 s.
 * 2. the idempotent re-import of the same file (every row unchanged). Budget: < 10 s.
 * 3. findAuthorisation (the scan engine's guard, asked once per target before it is contacted)
 *    with 201 authorisations on record, per call. Budget: < 10 ms.
 *
 *   npx tsx bench/assets.bench.ts
 *
 * Embedded PGlite (in memory), migrated and demo-seeded.
 */
import { findAuthorisation, grantAuthorisation } from '../src/domains/assets/authorisations.ts';
import { importAssets } from '../src/domains/assets/csv-import.ts';
import { PILOT_ARS, seedDemo } from '../src/domains/demo/seed.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 1000);

const database = await openDatabase({ kind: 'pglite', dataDir: null });
await migrate(database);
await seedDemo(
  database.db,
  loadConfig({ BASTEI_DEMO_PASSWORD: 'Bench-Passwort-2026!', BASTEI_ARGON2_MEMORY_KIB: '1024' }),
);
const ctx = systemContext(database.db, 'bench');
const organisation = await database.db
  .selectFrom('organisations')
  .select('id')
  .where('ars', '=', PILOT_ARS.halberstadt)
  .executeTakeFirstOrThrow();

const lines = [
  'kind,name,port,protocol,product,vendor,version,cpe,purl,notes',
  'domain,halberstadt.de,,,,,,,,',
];
for (let i = 0; i < HOSTS; i++) {
  const host = `h${i}.halberstadt.de`;
  lines.push(`host,${host},,,,,,,,`);
  lines.push(
    `service,${host},443,tcp,nginx,f5,1.24.${i % 7},cpe:2.3:a:f5:nginx:1.24.${i % 7}:*:*:*:*:*:*:*,,`,
  );
  lines.push(`service,${host},22,tcp,OpenSSH,openbsd,9.${i % 5},,,`);
  lines.push(`product,${host},,,OpenSSL,openssl,3.0.${i % 13},,pkg:generic/openssl@3.0.${i % 13},`);
}
const csv = lines.join('\n');

const time = async <T>(work: () => Promise<T>) => {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
};

const first = await time(() => importAssets(ctx, organisation.id, csv));
const again = await time(() => importAssets(ctx, organisation.id, csv));
console.log(
  `CSV import of ${first.result.rows} rows: ${(first.ms / 1000).toFixed(2)} s (${first.result.created} created, ${first.result.implicitHosts} implicit hosts); budget < 20 s`,
);
console.log(
  `re-import (idempotent): ${(again.ms / 1000).toFixed(2)} s (${again.result.unchanged} unchanged); budget < 10 s`,
);

for (let i = 0; i < 200; i++) {
  await grantAuthorisation(ctx, organisation.id, {
    kind: 'cidr',
    target: `198.51.${i % 256}.0/24`,
    ports: [443],
  });
}
await grantAuthorisation(ctx, organisation.id, { kind: 'domain', target: 'halberstadt.de' });
const CALLS = 1000;
const lookups = await time(async () => {
  let hits = 0;
  for (let i = 0; i < CALLS; i++) {
    const found = await findAuthorisation(database.db, organisation.id, {
      host: i % 2 ? `h${i % HOSTS}.halberstadt.de` : `198.51.${i % 256}.9`,
      port: 443,
    });
    if (found) hits++;
  }
  return hits;
});
console.log(
  `findAuthorisation with 201 authorisations: ${(lookups.ms / CALLS).toFixed(2)} ms per call (${lookups.result}/${CALLS} authorised); budget < 10 ms`,
);
await database.close();
const ok = first.ms < 20_000 && again.ms < 10_000 && lookups.ms / CALLS < 10;
process.exit(ok ? 0 : 1);
