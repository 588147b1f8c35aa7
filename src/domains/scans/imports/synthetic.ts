/**
 * Generates large, realistic-looking Greenbone GMP 22.x reports for the streaming test and the
 * benchmark. The content is made up here; it copies no real report.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const NVTS = [
  {
    oid: '1.3.6.1.4.1.25623.1.0.900001',
    name: 'SSL/TLS: Report Weak Cipher Suites',
    family: 'SSL and TLS',
    score: '7.5',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    cves: ['CVE-2016-2183', 'CVE-2016-6329'],
    threat: 'High',
  },
  {
    oid: '1.3.6.1.4.1.25623.1.0.900002',
    name: 'FTP Unencrypted Cleartext Login',
    family: 'FTP',
    score: '4.8',
    vector: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N',
    cves: [],
    threat: 'Medium',
  },
  {
    oid: '1.3.6.1.4.1.25623.1.0.900003',
    name: 'Weak Key Exchange (KEX) Algorithm(s) Supported (SSH)',
    family: 'General',
    score: '5.3',
    vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
    cves: [],
    threat: 'Medium',
  },
  {
    oid: '1.3.6.1.4.1.25623.1.0.900004',
    name: 'Apache HTTP Server Multiple Vulnerabilities',
    family: 'Web Servers',
    score: '9.8',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    cves: ['CVE-2021-41773', 'CVE-2021-42013'],
    threat: 'Critical',
  },
] as const;

const PORTS = ['443/tcp', '21/tcp', '22/tcp', '80/tcp', 'general/tcp'] as const;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function hostIp(i: number, hosts: number): string {
  const n = i % hosts;
  return `10.${20 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

function result(i: number, hosts: number): string {
  const nvt = NVTS[i % NVTS.length] ?? NVTS[0];
  const port = PORTS[i % PORTS.length] ?? PORTS[0];
  const ip = hostIp(i, hosts);
  const refs = [
    ...nvt.cves.map((cve) => `<ref type="cve" id="${cve}"/>`),
    `<ref type="cert-bund" id="WID-SEC-2023-${String(1000 + (i % 900)).padStart(4, '0')}"/>`,
    `<ref type="url" id="https://example.invalid/advisory/${i % 97}"/>`,
  ].join('');
  return `<result id="00000000-0000-4000-8000-${String(i).padStart(12, '0')}">
<name>${escapeXml(nvt.name)}</name>
<owner><name>scanner</name></owner>
<modification_time>2026-11-20T10:00:00Z</modification_time>
<creation_time>2026-11-20T09:00:00Z</creation_time>
<host>${ip}<asset asset_id="asset-${i % hosts}"/><hostname>host-${i % hosts}.gemeinde.example</hostname></host>
<port>${port}</port>
<nvt oid="${nvt.oid}">
<type>nvt</type>
<name>${escapeXml(nvt.name)}</name>
<family>${escapeXml(nvt.family)}</family>
<cvss_base>${nvt.score}</cvss_base>
<severities score="${nvt.score}"><severity type="cvss_base_v3"><origin/><date>2026-01-01T00:00:00Z</date><score>${nvt.score}</score><value>${nvt.vector}</value></severity></severities>
<tags>cvss_base_vector=${nvt.vector}|summary=Synthetic finding ${i} for load testing the importer.|insight=The remote service accepts a configuration that is considered weak &amp; should be hardened.|affected=All versions|impact=An attacker might read or modify traffic.|solution_type=Mitigation|vuldetect=Checks the service banner and configuration.</tags>
<solution type="Mitigation">Harden the configuration of the service on ${port} &lt;see references&gt;.</solution>
<refs>${refs}</refs>
</nvt>
<scan_nvt_version>2026-11-01T00:00:00Z</scan_nvt_version>
<threat>${nvt.threat}</threat>
<severity>${nvt.score}</severity>
<qod><value>${70 + (i % 30)}</value><type>remote_banner</type></qod>
<description>Detected configuration on ${ip}:
  option-a: enabled
  option-b: ${i}
</description>
<detection><result id="det-${i}"><details><detail><name>product</name><value>cpe:/a:example:service:${i % 10}.0</value></detail></details></result></detection>
<original_threat>${nvt.threat}</original_threat>
<original_severity>${nvt.score}</original_severity>
</result>
`;
}

export interface SyntheticReport {
  path: string;
  bytes: number;
  results: number;
  hosts: number;
}

/** Writes a GMP 22.4 report of about `targetBytes` to `path`, streaming with backpressure. */
export async function writeSyntheticGreenboneReport(
  path: string,
  targetBytes: number,
  hosts = 250,
): Promise<SyntheticReport> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<report id="synthetic" format_id="a994b278-1f62-11e1-96ac-406186ea4fc5" extension="xml" content_type="text/xml">\n<name>synthetic</name>\n<report id="synthetic-inner">\n<gmp><version>22.4</version></gmp>\n<scan_run_status>Done</scan_run_status>\n<scan_start>2026-11-20T08:00:00Z</scan_start>\n<results start="1" max="-1">\n`,
  );
  let results = 0;
  let batch = '';
  while (bytes + batch.length < targetBytes) {
    batch += result(results, hosts);
    results += 1;
    if (batch.length > 256 * 1024) {
      await write(batch);
      batch = '';
    }
  }
  if (batch) await write(batch);
  let tail = '</results>\n';
  for (let h = 0; h < Math.min(hosts, results); h++) {
    tail += `<host><ip>${hostIp(h, hosts)}</ip><asset asset_id="asset-${h}"/><start>2026-11-20T08:00:00Z</start><end>2026-11-20T09:00:00Z</end></host>\n`;
  }
  tail += '<scan_end>2026-11-20T09:30:00Z</scan_end>\n</report>\n</report>\n';
  await write(tail);
  out.end();
  await once(out, 'finish');
  return { path, bytes, results, hosts: Math.min(hosts, results) };
}
