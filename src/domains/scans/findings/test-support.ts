/** Test-only helpers: small synthetic scanner reports (made up here, no third-party content). */
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';

const TABLES = [
  'scan_imports',
  'scan_findings',
  'scan_finding_history',
  'assets',
  'measures',
  'audit_log',
] as const;

/** Rows of the tables an import writes to (to prove a refused import wrote nothing). */
export async function scanRowCounts(db: Executor): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(db);
    out[table] = r.rows[0]!.n;
  }
  return out;
}

export type TestsslLine = [
  id: string,
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFO' | 'OK',
  finding: string,
];

/**
 * A testssl.sh `--jsonfile` report of one host:port. testssl covers host+port, so a finding of an
 * earlier report on the same host:port that is missing here counts as fixed.
 */
export function testsslReport(host: string, port: number, lines: TestsslLine[]): string {
  const entries = [
    // Always one OK line: the target counts as scanned even when nothing is found.
    ['service', 'OK', 'HTTP'] as TestsslLine,
    ...lines,
  ].map(([id, severity, finding]) => ({
    id,
    ip: `${host}/192.0.2.10`,
    port: String(port),
    severity,
    finding,
  }));
  return JSON.stringify(entries);
}

/** A minimal Greenbone GMP report: every result's host is covered as a whole host. */
export function greenboneReport(
  results: { host: string; oid: string; name: string; severity: number; port?: string }[],
) {
  const body = results
    .map(
      (
        r,
      ) => `<result id="r-${r.oid}-${r.host}"><name>${r.name}</name><host>${r.host}</host><port>${r.port ?? 'general/tcp'}</port>
<nvt oid="${r.oid}"><type>nvt</type><name>${r.name}</name><cvss_base>${r.severity}</cvss_base><tags>summary=Test|solution=Aktualisieren</tags></nvt>
<threat>${r.severity >= 7 ? 'High' : r.severity >= 4 ? 'Medium' : 'Low'}</threat><severity>${r.severity}</severity><description>Testbefund</description></result>`,
    )
    .join('\n');
  const hosts = [...new Set(results.map((r) => r.host))].map((h) => `<host><ip>${h}</ip></host>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<report id="t1"><report id="t1"><results>${body}</results>${hosts}</report></report>`;
}

export const isoDay = (offsetDays: number, from = new Date()) =>
  new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
