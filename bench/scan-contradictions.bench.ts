/**
 * Contradictions benchmark: one Kommune with Bastei-Basis answered "yes" throughout and many open
 * findings of the built-in checks (default 5,000 on 1,000 hosts, plus as many imported Greenbone-
 * style findings that must not match), then `listScanContradictions` as the auditor's view calls
 * it. One statement regardless of the number of requirements (no N+1), so the figure should grow
 * with the matching findings, not with the catalog.
 *
 *   npx tsx bench/scan-contradictions.bench.ts [findings]
 */
import { createAssessment } from '../src/domains/assessments/service.ts';
import { installBaseline } from '../src/domains/catalogs/service.ts';
import { CHECK_IDS } from '../src/domains/scans/checks/types.ts';
import { listScanContradictions } from '../src/domains/scans/findings/contradictions.ts';
import { ingestFindings } from '../src/domains/scans/findings/ingest.ts';
import type { ScanFinding } from '../src/domains/scans/imports/finding.ts';
import { systemContext } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const count = Number(process.argv[2] ?? 5000);
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
  const { catalogId } = await installBaseline(ctx);
  const assessment = await createAssessment(ctx, {
    organisationId: org.id,
    catalogId: catalogId!,
    phase: 'self',
  });
  await database.db
    .updateTable('assessment_answers')
    .set({ status: 'yes' })
    .where('assessment_id', '=', assessment.id)
    .execute();

  const hosts = Math.max(1, Math.round(count / 5));
  const findings: ScanFinding[] = [];
  for (let i = 0; i < count; i++) {
    const host = `h${i % hosts}.bench.example`;
    const checkId = CHECK_IDS[i % CHECK_IDS.length]!;
    findings.push({
      host,
      hostname: host,
      port: 443 + Math.floor(i / hosts),
      protocol: 'tcp',
      checkId,
      title: checkId,
      cves: [],
      severity: 'high',
      references: [],
      source: 'bastei',
    });
  }
  const imported: ScanFinding[] = findings.map((f, i) => ({
    ...f,
    checkId: `1.3.6.1.4.1.25623.1.0.${i}`,
    source: 'greenbone',
  }));
  const coverage = [...new Set(findings.map((f) => f.host))].map((host) => ({ host }));
  for (const [source, list] of [
    ['bastei', findings],
    ['greenbone', imported],
  ] as const) {
    await database.db
      .transaction()
      .execute((trx) =>
        ingestFindings(trx, ctx, { organisationId: org.id, source, label: source, coverage, findings: list }),
      );
  }

  const runs: number[] = [];
  let result = await listScanContradictions(ctx, assessment.id);
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    result = await listScanContradictions(ctx, assessment.id);
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  const matched = result.items.reduce((n, item) => n + item.findings.length, 0);
  console.log(
    `requirements answered yes: ${assessment.requirementCount ?? '?'}, findings: ${count} bastei + ${count} imported on ${hosts} hosts`,
  );
  console.log(`contradictions: ${result.total} requirements, ${matched} finding rows`);
  console.log(
    `listScanContradictions median ${runs[7]!.toFixed(1)} ms, max ${runs.at(-1)!.toFixed(1)} ms (15 runs)`,
  );
  console.log(`maxRSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
} finally {
  await database.close();
}
