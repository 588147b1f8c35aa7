import { describe, expect, it } from 'vitest';
import { parseNmap } from './nmap.ts';
import { chunked, collect, countBy, expectScanImportError, hasSample, readSample } from './test-support.ts';

const MULTI = 'nmap/defectdojo_nmap_multiple_port.xml';
const SSL = 'nmap/generated_nmap-7.93_localhost_ssl-enum-ciphers.xml';

describe('parseNmap with real Nmap output', () => {
  // Counted with grep/ElementTree: 13 <port> elements (all open), 1 host, no NSE scripts.
  it.skipIf(!hasSample(MULTI))('reads the 13 open ports of nmap_multiple_port.xml', async () => {
    const { summary, findings, services } = await collect(parseNmap(readSample(MULTI)));
    expect(services).toHaveLength(13);
    expect(findings).toHaveLength(0);
    expect(services.map((s) => s.port)).toEqual([
      21, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 2525, 3306,
    ]);
    expect(services[0]).toEqual({
      host: 'joaquinlp.me',
      ip: '198.38.82.159',
      hostname: 'joaquinlp.me',
      port: 21,
      protocol: 'tcp',
      state: 'open',
      name: 'ftp',
      cpes: [],
    });
    expect(summary).toMatchObject({
      format: 'nmap',
      scannerVersion: '7.12',
      startedAt: '2016-05-16T17:56:59.000Z',
      endedAt: '2016-05-16T17:57:31.000Z',
      hosts: ['joaquinlp.me'],
      findingsCount: 0,
      servicesCount: 13,
      recordsTotal: 13,
      recordCounts: { open: 13 },
      coverageFromFindingsOnly: false,
    });
    expect(summary.coveredTargets).toHaveLength(13);
    expect(summary.coveredTargets[0]).toEqual({ host: 'joaquinlp.me', port: 21, protocol: 'tcp' });
    expect(summary.portScope?.tcp).toMatch(/^1,3-4,6-7,9,13,.*,65389$/);
  });

  // Two open ports (8080 plain HTTP, 8443 TLS); ssl-enum-ciphers lists 24 suites, 12 of them TLS_RSA_*.
  it.skipIf(!hasSample(SSL))('reads services and script findings of the ssl-enum-ciphers run', async () => {
    const { summary, findings, services } = await collect(parseNmap(readSample(SSL)));
    expect(services).toHaveLength(2);
    expect(services[1]).toEqual({
      host: '127.0.0.1',
      ip: '127.0.0.1',
      hostname: 'localhost',
      port: 8443,
      protocol: 'tcp',
      state: 'open',
      name: 'http',
      product: 'Apache httpd',
      version: '2.4.41',
      extraInfo: '(Ubuntu)',
      tunnel: 'ssl',
      cpes: ['cpe:/a:apache:http_server:2.4.41'],
    });
    expect(findings).toHaveLength(3);
    expect(findings.map((f) => [f.checkId, f.severity, f.port])).toEqual([
      ['nmap:http-security-headers:hsts', 'low', 8443],
      ['nmap:ssl-enum-ciphers', 'info', 8443],
      ['nmap:ssl-enum-ciphers:no-forward-secrecy', 'low', 8443],
    ]);
    const info = findings[1];
    expect(info?.title).toBe('TLS configuration: TLSv1.2, TLSv1.3 (least strength A)');
    expect(info?.evidence).toContain('TLS_AKE_WITH_AES_128_GCM_SHA256 (ecdh_x25519) - A');
    const noPfs = findings[2];
    expect(noPfs?.evidence?.split('\n')).toHaveLength(12);
    expect(noPfs?.evidence).toContain('TLSv1.2 TLS_RSA_WITH_AES_256_GCM_SHA384 (rsa 2048)');
    expect(summary).toMatchObject({
      scannerVersion: '7.93',
      findingsCount: 3,
      servicesCount: 2,
      portScope: { tcp: '8080,8443' },
    });
  });

  it.skipIf(!hasSample(SSL))('gives the same result whatever the chunk size', async () => {
    const bytes = readSample(SSL);
    const whole = await collect(parseNmap(bytes));
    for (const size of [1, 100]) expect(await collect(parseNmap(chunked(bytes, size)))).toEqual(whole);
  });
});

const VULNERS = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" version="7.94" start="1795428014">
<scaninfo type="syn" protocol="tcp" numservices="1" services="22"/>
<scaninfo type="udp" protocol="udp" numservices="1" services="161"/>
<host><status state="down"/><address addr="192.0.2.99" addrtype="ipv4"/></host>
<host><status state="up"/><address addr="192.0.2.5" addrtype="ipv4"/><address addr="00:11:22:33:44:55" addrtype="mac"/>
<hostnames><hostname name="mail.gemeinde.example" type="PTR"/></hostnames>
<ports>
<port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH" version="7.4" method="probed"><cpe>cpe:/a:openbsd:openssh:7.4</cpe></service>
<script id="vulners" output="...">
<table key="cpe:/a:openbsd:openssh:7.4">
<table><elem key="id">CVE-2023-38408</elem><elem key="cvss">9.8</elem><elem key="type">cve</elem><elem key="is_exploit">false</elem></table>
<table><elem key="id">PRION:CVE-2023-38408</elem><elem key="cvss">9.8</elem><elem key="type">prion</elem><elem key="is_exploit">true</elem></table>
<table><elem key="id">EDB-ID:45233</elem><elem key="cvss">5.0</elem><elem key="type">exploitdb</elem><elem key="is_exploit">true</elem></table>
<table><elem key="id">CVE-2018-15473</elem><elem key="cvss">5.3</elem><elem key="type">cve</elem><elem key="is_exploit">false</elem></table>
</table>
</script></port>
<port protocol="tcp" portid="25"><state state="open"/><service name="smtp" product="Postfix"/>
<script id="vulners" output="&#xa;  cpe:/a:postfix:postfix:2.10: &#xa;    &#x9;CVE-2011-0411&#x9;6.8&#x9;https://vulners.com/cve/CVE-2011-0411&#xa;    &#x9;SSV:19564&#x9;6.8&#x9;https://vulners.com/seebug/SSV:19564&#x9;*EXPLOIT*&#xa;"/>
<script id="ssl-enum-ciphers" output="x"><table key="TLSv1.0"><table key="ciphers"><table><elem key="kex_info">rsa 1024</elem><elem key="strength">F</elem><elem key="name">TLS_RSA_WITH_RC4_128_SHA</elem></table></table><table key="warnings"><elem>Broken cipher RC4 is deprecated by RFC 7465</elem></table></table><elem key="least strength">F</elem></script>
</port>
<port protocol="udp" portid="161"><state state="open|filtered"/><service name="snmp"/></port>
<port protocol="sctp" portid="38412"><state state="open"/></port>
<port protocol="tcp" portid="23"><state state="closed"/></port>
</ports>
</host>
<runstats><finished time="1795428027"/></runstats>
</nmaprun>`;

describe('parseNmap scripts and edge cases', () => {
  it('turns vulners rows into CVE findings and folds exploit rows into them', async () => {
    const { summary, findings, services } = await collect(parseNmap(VULNERS));
    expect(services.map((s) => `${s.port}/${s.protocol}:${s.state}`)).toEqual([
      '22/tcp:open',
      '25/tcp:open',
      '161/udp:open|filtered',
      '23/tcp:closed',
    ]);
    expect(summary.hosts).toEqual(['192.0.2.5']);
    expect(summary.recordCounts).toEqual({ open: 3, 'open|filtered': 1, closed: 1 });
    expect(summary.portScope).toEqual({ tcp: '22', udp: '161' });
    expect(summary.endedAt).toBe('2026-11-23T10:00:27.000Z');

    const ssh = findings.filter((f) => f.port === 22);
    expect(ssh.map((f) => [f.vulnerabilityId, f.severity, f.cvss?.score])).toEqual([
      ['CVE-2023-38408', 'critical', 9.8],
      ['CVE-2018-15473', 'medium', 5.3],
      ['EDB-ID:45233', 'medium', 5],
    ]);
    expect(ssh[0]).toMatchObject({
      host: '192.0.2.5',
      ip: '192.0.2.5',
      hostname: 'mail.gemeinde.example',
      checkId: 'nmap:vulners:CVE-2023-38408',
      title: 'CVE-2023-38408 in OpenSSH 7.4',
      cves: ['CVE-2023-38408'],
      references: [
        'https://vulners.com/cve/CVE-2023-38408',
        'https://vulners.com/prion/PRION:CVE-2023-38408',
      ],
      raw: {
        script: 'vulners',
        vulnersType: 'cve',
        exploitAvailable: true,
        cpe: 'cpe:/a:openbsd:openssh:7.4',
      },
    });
    expect(ssh[2]?.cves).toEqual([]);

    const smtp = findings.filter((f) => f.port === 25);
    expect(countBy(smtp, (f) => f.checkId ?? '')).toEqual({
      'nmap:vulners:CVE-2011-0411': 1,
      'nmap:vulners:SSV:19564': 1,
      'nmap:ssl-enum-ciphers': 1,
      'nmap:ssl-enum-ciphers:protocol:TLSv1.0': 1,
      'nmap:ssl-enum-ciphers:no-forward-secrecy': 1,
      'nmap:ssl-enum-ciphers:weak-ciphers': 1,
    });
    expect(smtp.find((f) => f.checkId === 'nmap:vulners:SSV:19564')).toMatchObject({
      severity: 'medium',
      raw: expect.objectContaining({ exploitAvailable: true, cpe: 'cpe:/a:postfix:postfix:2.10' }),
    });
    expect(smtp.find((f) => f.checkId === 'nmap:ssl-enum-ciphers:protocol:TLSv1.0')?.severity).toBe('medium');
    expect(smtp.find((f) => f.checkId === 'nmap:ssl-enum-ciphers:weak-ciphers')).toMatchObject({
      severity: 'high',
      title: 'Weak cipher suites offered (grade F)',
    });
    expect(smtp.find((f) => f.checkId === 'nmap:ssl-enum-ciphers')?.description).toContain(
      'RC4 is deprecated',
    );
  });

  it('rejects other XML documents', async () => {
    const error = await expectScanImportError(() => collect(parseNmap('<report/>')));
    expect(error).toMatchObject({ format: 'nmap', reason: 'invalid-record' });
  });
});
