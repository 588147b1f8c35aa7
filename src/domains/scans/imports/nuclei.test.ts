import { describe, expect, it } from 'vitest';
import { parseNuclei, splitTarget } from './nuclei.ts';
import { chunked, collect, expectScanImportError, hasSample, readSample } from './test-support.ts';

const JSONL = 'nuclei/defectdojo_nuclei_many_findings_new.jsonl';

describe('parseNuclei with real Nuclei output', () => {
  // wc -l / jq -c: 2 result lines.
  it.skipIf(!hasSample(JSONL))('reads the 2 results of the JSONL file', async () => {
    const { summary, findings } = await collect(parseNuclei(readSample(JSONL)));
    expect(findings).toHaveLength(2);
    expect(findings[0]).toEqual({
      host: 'nuclei-example.com',
      ip: '127.0.0.1',
      hostname: 'nuclei-example.com',
      port: 22,
      protocol: 'tcp',
      checkId: 'CVE-2018-15473',
      vulnerabilityId: 'CVE-2018-15473',
      title: 'OpenSSH Username Enumeration v7.7',
      description: expect.stringMatching(/^OpenSSH through 7\.7 is prone to a user enumeration/),
      cves: ['CVE-2018-15473'],
      cwes: ['CWE-362'],
      cvss: { version: '3.0', score: 5.3, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N' },
      severity: 'medium',
      evidence: 'matched at nuclei-example.com:22\nextracted: SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u7',
      references: ['https://nvd.nist.gov/vuln/detail/cve-2018-15473'],
      source: 'nuclei',
      raw: {
        template: 'cves/2018/CVE-2018-15473.yaml',
        templateUrl:
          'https://github.com/projectdiscovery/nuclei-templates/blob/master/cves/2018/CVE-2018-15473.yaml',
        type: 'network',
        matchedAt: 'nuclei-example.com:22',
        timestamp: '2022-03-21T01:43:31.231Z',
        tags: ['network', 'openssh', 'cve', 'cve2018'],
      },
    });
    expect(findings[1]).toMatchObject({
      host: 'nuclei-example.com',
      port: 443,
      protocol: 'tcp',
      checkId: 'prometheus-metrics',
      severity: 'low',
      cves: [],
      references: ['https://github.com/prometheus/prometheus', 'https://hackerone.com/reports/1026196'],
    });
    expect(summary).toMatchObject({
      format: 'nuclei',
      hosts: ['nuclei-example.com'],
      findingsCount: 2,
      recordsTotal: 2,
      recordCounts: { medium: 1, low: 1 },
      coverageFromFindingsOnly: true,
      coveredTargets: [
        { host: 'nuclei-example.com', port: 22, protocol: 'tcp' },
        { host: 'nuclei-example.com', port: 443, protocol: 'tcp' },
      ],
      startedAt: '2022-03-21T01:43:31.231Z',
      endedAt: '2022-03-21T01:48:35.345Z',
    });
  });

  it.skipIf(!hasSample(JSONL))(
    'reads the same results as a JSON array, in any chunking, with CRLF',
    async () => {
      const lines = readSample(JSONL).toString('utf8').trim().split('\n');
      const jsonl = await collect(parseNuclei(readSample(JSONL)));
      const array = await collect(parseNuclei(`[\n${lines.join(',\n')}\n]`));
      expect(array).toEqual(jsonl);
      const crlf = Buffer.from(`\r\n${lines.join('\r\n\r\n')}\r\n`);
      expect(await collect(parseNuclei(chunked(crlf, 3)))).toEqual(jsonl);
    },
  );
});

describe('parseNuclei edge cases', () => {
  it('accepts the pre-2.6 field names and string classification fields', async () => {
    const line = JSON.stringify({
      templateID: 'tech-detect',
      info: {
        name: 'Wappalyzer',
        severity: 'unknown',
        reference: 'https://a.example, https://b.example',
        classification: null,
      },
      type: 'http',
      host: 'http://[2001:db8::1]:8080',
      matched: 'http://[2001:db8::1]:8080/login',
      'matcher-name': 'nginx',
      timestamp: 'not a date',
    });
    const { findings, summary } = await collect(parseNuclei(`${line}\n`));
    expect(findings[0]).toMatchObject({
      host: '2001:db8::1',
      port: 8080,
      checkId: 'tech-detect',
      severity: 'info',
      references: ['https://a.example', 'https://b.example'],
      evidence: 'matched at http://[2001:db8::1]:8080/login\nmatcher: nginx',
      raw: { nucleiSeverity: 'unknown', type: 'http' },
    });
    expect(findings[0]?.hostname).toBeUndefined();
    expect(summary.startedAt).toBeUndefined();
  });

  it('reports the line of a broken JSONL record', async () => {
    const good = JSON.stringify({ 'template-id': 'x', info: { severity: 'low' }, host: 'a.example' });
    const error = await expectScanImportError(() =>
      collect(parseNuclei(`${good}\n${good}\n{"template-id": "y", "info": \n`)),
    );
    expect(error).toMatchObject({ format: 'nuclei', line: 3 });
    const missing = await expectScanImportError(() => collect(parseNuclei(`${good}\n{"info":{}}\n`)));
    expect(missing).toMatchObject({ reason: 'invalid-record', line: 2 });
  });

  it('limits the length of one line', async () => {
    const error = await expectScanImportError(() =>
      collect(parseNuclei(`{"template-id":"${'a'.repeat(5000)}"}\n`, { maxRecordBytes: 1000 })),
    );
    expect(error).toMatchObject({ reason: 'too-large', line: 1 });
  });

  it('treats an empty file as "no matches"', async () => {
    const { findings, summary } = await collect(parseNuclei(''));
    expect(findings).toEqual([]);
    expect(summary.findingsCount).toBe(0);
  });

  it('splits targets', () => {
    expect(splitTarget('https://example.org/x')).toEqual({ host: 'example.org', port: 443, scheme: 'https' });
    expect(splitTarget('http://example.org:8080')).toEqual({
      host: 'example.org',
      port: 8080,
      scheme: 'http',
    });
    expect(splitTarget('example.org:22')).toEqual({ host: 'example.org', port: 22 });
    expect(splitTarget('[2001:db8::1]:443')).toEqual({ host: '2001:db8::1', port: 443 });
    expect(splitTarget('2001:db8::1')).toEqual({ host: '2001:db8::1' });
    expect(splitTarget('192.0.2.1')).toEqual({ host: '192.0.2.1' });
    expect(splitTarget('dns://resolver')).toEqual({ host: 'resolver', scheme: 'dns' });
    expect(splitTarget('')).toEqual({});
  });
});
