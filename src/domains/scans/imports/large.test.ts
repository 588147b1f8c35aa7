import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGreenbone } from './greenbone.ts';
import { type SyntheticReport, writeSyntheticGreenboneReport } from './synthetic.ts';

/**
 * A ~50 MB report is generated on the fly (written streaming into a temp dir) and parsed
 * streaming, consuming the generator without keeping findings. Time and memory are measured by
 * bench/scan-import.bench.ts, not asserted here, because they depend on the machine.
 */
describe('streaming a large Greenbone report', () => {
  let dir: string;
  let report: SyntheticReport;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bastei-scan-import-'));
    report = await writeSyntheticGreenboneReport(join(dir, 'large.xml'), 50 * 1024 * 1024);
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('yields every result of a ~50 MB report', async () => {
    expect(report.bytes).toBeGreaterThan(49 * 1024 * 1024);
    const items = parseGreenbone(createReadStream(report.path));
    let findings = 0;
    let critical = 0;
    let first: unknown;
    while (true) {
      const step = await items.next();
      if (step.done) {
        expect(step.value).toMatchObject({
          format: 'greenbone',
          scannerVersion: 'GMP 22.4',
          findingsCount: report.results,
          recordsTotal: report.results,
          startedAt: '2026-11-20T08:00:00.000Z',
          endedAt: '2026-11-20T09:30:00.000Z',
        });
        expect(step.value.hosts).toHaveLength(report.hosts);
        expect(step.value.coveredTargets).toHaveLength(report.hosts);
        break;
      }
      if (step.value.kind !== 'finding') continue;
      findings += 1;
      first ??= step.value.finding;
      if (step.value.finding.severity === 'critical') critical += 1;
    }
    expect(findings).toBe(report.results);
    // Every fourth synthetic result uses the 9.8 NVT.
    expect(critical).toBe(Math.floor(report.results / 4));
    expect(first).toMatchObject({
      host: '10.20.0.0',
      ip: '10.20.0.0',
      hostname: 'host-0.gemeinde.example',
      port: 443,
      severity: 'high',
      cves: ['CVE-2016-2183', 'CVE-2016-6329'],
      cvss: { version: '3.1', score: 7.5 },
      references: ['CERT-Bund:WID-SEC-2023-1000', 'https://example.invalid/advisory/0'],
      solution: 'Harden the configuration of the service on 443/tcp <see references>.',
    });
  }, 120_000);
});
