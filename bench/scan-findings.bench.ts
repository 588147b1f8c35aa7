/**
 * Findings storage benchmark: imports a generated Greenbone report (default 10 MB) into one Kommune
 * of an in-memory PGlite database through `importScanReport` (parse, dedupe, assets, findings,
 * history, audit in one transaction), then the same report again (all unchanged), and reads the
 * traffic light with its trend.
 *
 *   npx tsx bench/scan-findings.bench.ts [megabytes]
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getScanStatus, importScanReport } from '../src/domains/scans/findings/service.ts';
import { writeSyntheticGreenboneReport } from '../src/domains/scans/imports/synthetic.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const megabytes = Number(process.argv[2] ?? 10);
const dir = await mkdtemp(join(tmpdir(), 'bastei-findings-bench-'));
const database = await openDatabase({ kind: 'pglite', dataDir: null });
try {
  await migrate(database);
  const org = await database.db
    .insertInto('organisations')
    .values({
      type: 'municipality',
      ars: '159999999999',
      name: 'Bench-Gemeinde',
      short_name: 'Bench',
      parent_id: null,
      ancestor_ids: [],
      population: null,
      area_ha: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ctx = systemContext(database.db, 'bench');
  const report = await writeSyntheticGreenboneReport(join(dir, 'report.xml'), megabytes * 1024 * 1024);
  const time = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await work();
    console.log(`${label.padEnd(26)} ${((performance.now() - started) / 1000).toFixed(2)} s`);
    return result;
  };
  const run = (path: string) =>
    importScanReport(ctx, {
      organisationId: org.id,
      body: createReadStream(path),
      fileName: 'report.xml',
      limitBytes: 1024 * 1024 * 1024,
    });
  console.log(
    `report: ${(report.bytes / 1024 / 1024).toFixed(1)} MB, ${report.results} results, ${report.hosts} hosts`,
  );
  const first = (await time('first import', () => run(report.path))) as Awaited<ReturnType<typeof run>>;
  console.log(
    `  created ${first.created}, duplicates ${first.duplicates}, open ${JSON.stringify(first.open)}`,
  );
  const again = (await time('same report again', () => run(report.path))) as Awaited<ReturnType<typeof run>>;
  console.log(`  unchanged ${again.unchanged}, fixed ${again.fixed}`);
  await time('traffic light + 90-day trend', () => getScanStatus(ctx, org.id, 90));
  console.log(`maxRSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
