import { describe, expect, it } from 'vitest';
import { collect, countBy, expectScanImportError, hasSample, readSample } from './test-support.ts';
import { parseTestssl } from './testssl.ts';

const FLAT = 'testssl/generated_testssl-3.0.8_localhost_flat.json';
const PRETTY = 'testssl/generated_testssl-3.0.8_localhost_pretty.json';

describe('parseTestssl with real testssl.sh 3.0.8 output', () => {
  // jq: 31 entries = 16 INFO (one of them the scanTime metadata line) + 2 LOW + 13 OK.
  it.skipIf(!hasSample(FLAT))('reads the flat --jsonfile array: 17 findings from 30 records', async () => {
    const { summary, findings } = await collect(parseTestssl(readSample(FLAT)));
    expect(findings).toHaveLength(17);
    expect(countBy(findings, (f) => f.severity)).toEqual({ info: 15, low: 2 });
    expect(summary).toMatchObject({
      format: 'testssl',
      hosts: ['127.0.0.1'],
      findingsCount: 17,
      recordsTotal: 30,
      recordCounts: { INFO: 15, OK: 13, LOW: 2 },
      coveredTargets: [{ host: '127.0.0.1', port: 8443, protocol: 'tcp' }],
    });
    expect(findings.some((f) => f.checkId === 'scanTime' || f.raw?.testsslSeverity === 'OK')).toBe(false);
    expect(findings.find((f) => f.checkId === 'HSTS')).toEqual({
      host: '127.0.0.1',
      ip: '127.0.0.1',
      port: 8443,
      protocol: 'tcp',
      checkId: 'HSTS',
      title: 'HSTS: not offered',
      cves: [],
      severity: 'low',
      evidence: 'not offered',
      references: [],
      source: 'testssl',
      raw: { testsslSeverity: 'LOW' },
    });
    expect(findings.find((f) => f.checkId === 'cipherlist_AVERAGE')?.cwes).toEqual(['CWE-310']);
  });

  // jq over scanResult[0]'s arrays: 149 entries = 105 INFO + 36 OK + 4 LOW + 3 HIGH + 1 CRITICAL.
  it.skipIf(!hasSample(PRETTY))(
    'reads the --jsonfile-pretty document: 113 findings from 149 records',
    async () => {
      const { summary, findings } = await collect(parseTestssl(readSample(PRETTY)));
      expect(findings).toHaveLength(113);
      expect(countBy(findings, (f) => f.severity)).toEqual({ info: 105, low: 4, high: 3, critical: 1 });
      expect(summary).toMatchObject({
        scannerVersion: '3.0.8',
        startedAt: '2026-11-23T10:00:15.000Z',
        endedAt: '2026-11-23T10:01:14.000Z',
        hosts: ['127.0.0.1'],
        recordsTotal: 149,
        recordCounts: { INFO: 105, OK: 36, LOW: 4, HIGH: 3, CRITICAL: 1 },
        coveredTargets: [{ host: '127.0.0.1', port: 8443, protocol: 'tcp' }],
      });
      expect(findings.find((f) => f.severity === 'critical')).toMatchObject({
        checkId: 'cert_chain_of_trust',
        title: 'cert_chain_of_trust: failed (self signed).',
        service: 'http',
        raw: { testsslSeverity: 'CRITICAL', section: 'serverDefaults' },
      });
      expect(findings.find((f) => f.checkId === 'LUCKY13')).toMatchObject({
        severity: 'low',
        cves: ['CVE-2013-0169'],
        vulnerabilityId: 'CVE-2013-0169',
        cwes: ['CWE-310'],
        raw: { section: 'vulnerabilities' },
      });
      expect(findings.filter((f) => f.severity === 'high').map((f) => f.checkId)).toEqual([
        'cert_expirationStatus',
        'cert_notAfter',
        'cert_revocation',
      ]);
    },
  );
});

describe('parseTestssl edge cases', () => {
  it('maps MEDIUM, WARN, FATAL and skips DEBUG; splits host/ip', async () => {
    const doc = JSON.stringify([
      {
        id: 'BREACH',
        ip: 'www.gemeinde.example/192.0.2.8',
        port: '443',
        severity: 'MEDIUM',
        cve: 'CVE-2013-3587',
        cwe: 'CWE-310',
        finding: 'potentially VULNERABLE',
        hint: 'disable compression',
      },
      {
        id: 'scanProblem',
        ip: 'www.gemeinde.example/192.0.2.8',
        port: '443',
        severity: 'WARN',
        finding: 'timeout',
      },
      { id: 'engine_problem', ip: '/192.0.2.8', port: 443, severity: 'FATAL', finding: 'No engine' },
      { id: 'dbg', ip: '192.0.2.8', port: '443', severity: 'DEBUG', finding: 'x' },
    ]);
    const { summary, findings } = await collect(parseTestssl(doc));
    expect(findings.map((f) => [f.checkId, f.severity, f.host, f.ip, f.hostname])).toEqual([
      ['BREACH', 'medium', 'www.gemeinde.example', '192.0.2.8', 'www.gemeinde.example'],
      ['scanProblem', 'info', 'www.gemeinde.example', '192.0.2.8', 'www.gemeinde.example'],
      ['engine_problem', 'info', '192.0.2.8', '192.0.2.8', undefined],
    ]);
    expect(findings[0]?.solution).toBe('disable compression');
    expect(summary.recordCounts).toEqual({ MEDIUM: 1, WARN: 1, FATAL: 1, DEBUG: 1 });
    expect(summary.hosts).toEqual(['www.gemeinde.example', '192.0.2.8']);
  });

  it('rejects entries without id or severity', async () => {
    const error = await expectScanImportError(() => collect(parseTestssl('[{"id":"x","finding":"y"}]')));
    expect(error).toMatchObject({
      reason: 'invalid-record',
      bareMessage: expect.stringContaining('entry 1'),
    });
  });

  it('enforces maxBytes', async () => {
    const error = await expectScanImportError(() =>
      collect(parseTestssl('[]'.padEnd(2000, ' '), { maxBytes: 1000 })),
    );
    expect(error).toMatchObject({ reason: 'too-large', status: 413 });
  });
});
