import { describe, expect, it } from 'vitest';
import { parseGreenbone } from './greenbone.ts';
import { chunked, collect, countBy, expectScanImportError, hasSample, readSample } from './test-support.ts';

const MANY = 'gvm/defectdojo_openvas_many_vuln.xml';
const ONE = 'gvm/defectdojo_openvas_one_vuln.xml';

describe('parseGreenbone with the DefectDojo fixtures', () => {
  // Expected numbers were counted independently of this parser (grep and Python's ElementTree over
  // ./report/results/result): 44 results, 19 High + 23 Medium + 2 with an empty <threat>, 55 CVE refs.
  it.skipIf(!hasSample(MANY))('reads all 44 results of many_vuln.xml', async () => {
    const { summary, findings, services } = await collect(parseGreenbone(readSample(MANY)));
    expect(findings).toHaveLength(44);
    expect(services).toHaveLength(0);
    expect(summary).toMatchObject({
      format: 'greenbone',
      scannerVersion: 'GMP 9.0',
      startedAt: '2023-09-26T10:50:34.000Z',
      endedAt: '2023-09-26T13:04:00.000Z',
      hosts: ['192.168.1.1001'],
      findingsCount: 44,
      servicesCount: 0,
      coveredTargets: [{ host: '192.168.1.1001' }],
      coverageFromFindingsOnly: false,
      recordsTotal: 44,
      recordCounts: { High: 19, Medium: 23, '(no threat)': 2 },
    });
    // Severity from the numeric <severity>: 10.0/9.3/9.0 are critical on the CVSS scale.
    expect(countBy(findings, (f) => f.severity)).toEqual({ critical: 8, high: 11, medium: 25 });
    expect(findings.reduce((n, f) => n + f.cves.length, 0)).toBe(55);
    expect(countBy(findings, (f) => String(f.port ?? f.service))).toMatchObject({
      '80': 15,
      '5432': 8,
      general: 1,
    });
    expect(findings.every((f) => f.source === 'greenbone' && f.protocol === 'tcp')).toBe(true);
    // "192.168.1.1001" is not a valid IPv4 address (the fixture is anonymised): host yes, ip no.
    expect(findings.every((f) => f.host === '192.168.1.1001' && f.ip === undefined)).toBe(true);
    expect(findings.every((f) => f.hostname === 'b6b9f466d63')).toBe(true);
    // The <ports> overview also has <host>/<severity>/<threat> children; it must not produce anything.
    expect(findings.every((f) => f.checkId?.startsWith('1.3.6.1.4.1.25623.'))).toBe(true);
  });

  it.skipIf(!hasSample(MANY))('maps the fields of a result', async () => {
    const { findings } = await collect(parseGreenbone(readSample(MANY)));
    const rexec = findings.find((f) => f.checkId === '1.3.6.1.4.1.25623.1.0.100111');
    expect(rexec).toEqual({
      host: '192.168.1.1001',
      hostname: 'b6b9f466d63',
      port: 512,
      protocol: 'tcp',
      checkId: '1.3.6.1.4.1.25623.1.0.100111',
      vulnerabilityId: 'CVE-1999-0618',
      title: 'The rexec service is running',
      description: expect.stringMatching(
        /^This remote host is running a rexec service\.\n\nInsight: rexec \(remote\n/,
      ),
      cves: ['CVE-1999-0618'],
      cvss: { score: 10 },
      severity: 'critical',
      evidence: 'The rexec service was detected on the target system.',
      solution: 'Disable the rexec service\nand use alternatives like SSH\ninstead.',
      references: [],
      source: 'greenbone',
      raw: {
        resultId: 'b87d3a32-8ff8-4010-aada-4b4f578b084d',
        threat: 'High',
        resultSeverity: 10,
        qod: 80,
        qodType: 'remote_banner',
        family: 'Useless services',
        solutionType: 'Mitigation',
      },
    });
    // Empty <threat> with severity 4.0 still yields a finding, from the score.
    const dh = findings.find((f) => f.checkId === '1.3.6.1.4.1.25623.1.0.106223');
    expect(dh).toMatchObject({
      severity: 'medium',
      port: 5432,
      references: ['https://weakdh.org/', 'https://weakdh.org/sysadmin.html'],
    });
    expect(dh?.raw?.threat).toBeUndefined();
    expect(dh?.title).toBe(
      'SSL/TLS: Diffie-Hellman Key Exchange Insufficient DH Group Strength Vulnerability',
    );
  });

  it.skipIf(!hasSample(MANY))('gives the same result whatever the chunk size', async () => {
    const bytes = readSample(MANY);
    const whole = await collect(parseGreenbone(bytes));
    for (const size of [1, 7, 4096]) {
      expect(await collect(parseGreenbone(chunked(bytes, size)))).toEqual(whole);
    }
  });

  it.skipIf(!hasSample(ONE))('reads the single result of one_vuln.xml', async () => {
    const { summary, findings } = await collect(parseGreenbone(readSample(ONE)));
    expect(findings).toHaveLength(1);
    expect(summary).toMatchObject({ hosts: ['10.0.101.2'], findingsCount: 1, recordCounts: { High: 1 } });
    expect(findings[0]).toMatchObject({
      host: '10.0.101.2',
      ip: '10.0.101.2',
      protocol: 'tcp',
      service: 'general',
      checkId: '1.3.6.1.4.1.25623.1.0.832260',
      title: 'Mozilla Firefox Security Update (mfsa_2023-32_2023-36) - Windows',
      severity: 'critical',
      references: ['https://www.mozilla.org/en-US/security/advisories/mfsa2023-34/'],
      solution: 'Upgrade to version 117 or later,\nPlease see the references for more information.',
    });
    expect(findings[0]?.port).toBeUndefined();
    expect(findings[0]?.hostname).toBeUndefined();
    expect(findings[0]?.cves).toHaveLength(12);
    expect(findings[0]?.evidence).toContain('Installed version: 116.0.3');
  });
});

const GMP22 = `<?xml version="1.0" encoding="UTF-8"?>
<get_reports_response status="200" status_text="OK">
<report id="r1" format_id="a994b278-1f62-11e1-96ac-406186ea4fc5">
<report id="r1">
<gmp><version>22.4</version></gmp>
<scan_start>2026-11-02T08:00:00Z</scan_start>
<ports start="1" max="-1"><port>443/tcp<host>192.0.2.10</host><severity>7.5</severity><threat>High</threat></port></ports>
<results start="1" max="-1">
<result id="a">
<name>SSL/TLS: Report Vulnerable Cipher Suites for HTTPS</name>
<host>192.0.2.10<asset asset_id="x"/><hostname>rathaus.gemeinde.example</hostname></host>
<port>443/tcp</port>
<nvt oid="1.3.6.1.4.1.25623.1.0.108031">
<type>nvt</type>
<name>SSL/TLS: Report Vulnerable Cipher Suites for HTTPS</name>
<family>SSL and TLS</family>
<cvss_base>7.5</cvss_base>
<severities score="7.5"><severity type="cvss_base_v3"><origin/><date/><score>7.5</score><value>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N</value></severity></severities>
<tags>cvss_base_vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N|summary=Vulnerable cipher suites | 3DES is accepted.|insight=SWEET32|affected=|impact=|vuldetect=Checks cipher suites|solution_type=Mitigation</tags>
<solution type="Mitigation" method="">Disable the listed cipher suites.</solution>
<refs><ref type="cve" id="CVE-2016-2183"/><ref type="cwe" id="CWE-327"/><ref type="cert-bund" id="WID-SEC-2023-1234"/><ref type="dfn-cert" id="DFN-CERT-2016-1234"/><ref type="url" id="https://sweet32.info/"/></refs>
</nvt>
<threat>High</threat>
<severity>7.5</severity>
<qod><value>98</value><type>remote_active</type></qod>
<description>'Vulnerable' cipher suites accepted: TLS_RSA_WITH_3DES_EDE_CBC_SHA</description>
<detection><result id="d"><details><detail><name>product</name><value>cpe:/a:ietf:transport_layer_security</value></detail></details></result></detection>
</result>
<result id="b">
<name>Overridden to false positive</name>
<host>192.0.2.11</host>
<port>22/tcp</port>
<nvt oid="1.3.6.1.4.1.25623.1.0.1"><name>SSH thing</name></nvt>
<threat>False Positive</threat>
<severity>-1.0</severity>
</result>
<result id="c">
<name>OS Detection Consolidation and Reporting</name>
<host>2001:db8::5</host>
<port>ssh (22/tcp)</port>
<nvt oid="1.3.6.1.4.1.25623.1.0.105937"><name>OS Detection Consolidation and Reporting</name><cvss_base>0.0</cvss_base><cve>CVE-2020-0001, CVE-2020-0002</cve><xref>URL:https://example.invalid/x, CERT-BUND:CB-K20/0001</xref></nvt>
<threat>Log</threat>
<severity>0.0</severity>
</result>
</results>
<host><ip>192.0.2.10</ip><start>2026-11-02T08:00:05Z</start><end>2026-11-02T08:40:00Z</end></host>
<host><ip>192.0.2.12</ip><start>2026-11-02T08:00:05Z</start><end>2026-11-02T08:45:00Z</end></host>
<scan_end>2026-11-02T09:00:00Z</scan_end>
</report>
</report>
</get_reports_response>`;

describe('parseGreenbone with GMP 22.x and older shapes', () => {
  it('reads severities, solution elements, refs and skips false positives', async () => {
    const { summary, findings } = await collect(parseGreenbone(GMP22));
    expect(findings).toHaveLength(2);
    expect(summary).toMatchObject({
      scannerVersion: 'GMP 22.4',
      startedAt: '2026-11-02T08:00:00.000Z',
      endedAt: '2026-11-02T09:00:00.000Z',
      recordsTotal: 3,
      recordCounts: { High: 1, 'False Positive': 1, Log: 1 },
    });
    // Every host the report names is covered as a whole host, including the one without results.
    expect(summary.coveredTargets).toEqual([
      { host: '192.0.2.10' },
      { host: '192.0.2.11' },
      { host: '2001:db8::5' },
      { host: '192.0.2.12' },
    ]);
    expect(findings[0]).toMatchObject({
      host: '192.0.2.10',
      ip: '192.0.2.10',
      hostname: 'rathaus.gemeinde.example',
      port: 443,
      protocol: 'tcp',
      severity: 'high',
      cvss: { version: '3.1', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
      cves: ['CVE-2016-2183'],
      cwes: ['CWE-327'],
      references: ['CERT-Bund:WID-SEC-2023-1234', 'DFN-CERT:DFN-CERT-2016-1234', 'https://sweet32.info/'],
      solution: 'Disable the listed cipher suites.',
      description:
        'Vulnerable cipher suites | 3DES is accepted.\n\nInsight: SWEET32\n\nDetection: Checks cipher suites',
      raw: expect.objectContaining({ qod: 98, solutionType: 'Mitigation' }),
    });
    expect(findings[1]).toMatchObject({
      host: '2001:db8::5',
      ip: '2001:db8::5',
      port: 22,
      service: 'ssh',
      severity: 'info',
      cves: ['CVE-2020-0001', 'CVE-2020-0002'],
      references: ['https://example.invalid/x', 'CERT-BUND:CB-K20/0001'],
    });
  });

  it('accepts a get_results_response listing', async () => {
    const xml = `<get_results_response status="200"><result id="x"><host>198.51.100.7</host><port>80/tcp</port><nvt oid="1.2.3"><name>T</name></nvt><threat>Medium</threat></result></get_results_response>`;
    const { findings } = await collect(parseGreenbone(xml));
    expect(findings).toEqual([
      expect.objectContaining({
        host: '198.51.100.7',
        port: 80,
        severity: 'medium',
        title: 'T',
        checkId: '1.2.3',
      }),
    ]);
  });

  it('rejects documents that are not GMP reports', async () => {
    const error = await expectScanImportError(() => collect(parseGreenbone('<nmaprun></nmaprun>')));
    expect(error).toMatchObject({ format: 'greenbone', reason: 'invalid-record' });
  });

  it('rejects a result without host', async () => {
    const error = await expectScanImportError(() =>
      collect(
        parseGreenbone(
          '<report><report><results><result><port>1/tcp</port></result></results></report></report>',
        ),
      ),
    );
    expect(error.reason).toBe('invalid-record');
  });
});
