import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, importReport, isCovered, type ScanFormat } from './index.ts';
import { expectScanImportError, hasSample, readSample, samplePath } from './test-support.ts';

/**
 * Every real sample with the numbers counted independently (grep, jq, Python ElementTree) when the
 * samples were added; see the per-format tests for the breakdowns.
 */
const SAMPLES: { file: string; format: ScanFormat; findings: number; services: number }[] = [
  { file: 'gvm/defectdojo_openvas_many_vuln.xml', format: 'greenbone', findings: 44, services: 0 },
  { file: 'gvm/defectdojo_openvas_one_vuln.xml', format: 'greenbone', findings: 1, services: 0 },
  { file: 'nmap/defectdojo_nmap_multiple_port.xml', format: 'nmap', findings: 0, services: 13 },
  {
    file: 'nmap/generated_nmap-7.93_localhost_ssl-enum-ciphers.xml',
    format: 'nmap',
    findings: 3,
    services: 2,
  },
  { file: 'nuclei/defectdojo_nuclei_many_findings_new.jsonl', format: 'nuclei', findings: 2, services: 0 },
  {
    file: 'testssl/generated_testssl-3.0.8_localhost_flat.json',
    format: 'testssl',
    findings: 17,
    services: 0,
  },
  {
    file: 'testssl/generated_testssl-3.0.8_localhost_pretty.json',
    format: 'testssl',
    findings: 113,
    services: 0,
  },
  { file: 'internetnl/internetnl_batch_v2_web_rpki.json', format: 'internetnl', findings: 0, services: 0 },
  { file: 'internetnl/internetnl_batch_v2_mail_rpki.json', format: 'internetnl', findings: 1, services: 0 },
];

const CSV = ['testssl/generated_testssl-3.0.8_localhost.csv', 'testssl/testssl_repo_baseline_default.csv'];

describe('detectFormat', () => {
  for (const sample of SAMPLES) {
    it.skipIf(!hasSample(sample.file))(`recognises ${sample.file} as ${sample.format}`, () => {
      expect(detectFormat(readSample(sample.file).subarray(0, 64 * 1024))).toBe(sample.format);
    });
  }

  for (const file of CSV) {
    it.skipIf(!hasSample(file))(`does not claim the CSV ${file}`, () => {
      expect(detectFormat(readSample(file))).toBeUndefined();
    });
  }

  it('handles prologs, BOMs and unknown input', () => {
    expect(detectFormat('\uFEFF<?xml version="1.0"?>\n<!-- x --><!DOCTYPE nmaprun><?pi x?><nmaprun>')).toBe(
      'nmap',
    );
    expect(detectFormat('<get_reports_response status="200"><report>')).toBe('greenbone');
    expect(detectFormat('<!DOCTYPE r [<!ENTITY a "b>">]><report>')).toBe('greenbone');
    expect(detectFormat('<html>')).toBeUndefined();
    expect(
      detectFormat(
        '{"request": {}, "domains": {"a.example": {"status": "ok", "results": {"tests": {"x": {"verdict": "good"',
      ),
    ).toBe('internetnl');
    expect(detectFormat('[{"template-id": "x"')).toBe('nuclei');
    expect(detectFormat('{"Invocation": "testssl ..."')).toBe('testssl');
    expect(detectFormat('')).toBeUndefined();
    expect(detectFormat(new Uint8Array([0, 1, 2]))).toBeUndefined();
  });
});

describe('importReport', () => {
  for (const sample of SAMPLES) {
    it.skipIf(!hasSample(sample.file))(
      `imports ${sample.file}: ${sample.findings} findings, ${sample.services} services`,
      async () => {
        const path = samplePath(sample.file) as string;
        const auto = await importReport(createReadStream(path, { highWaterMark: 1024 }));
        expect(auto.summary.format).toBe(sample.format);
        expect(auto.findings).toHaveLength(sample.findings);
        expect(auto.services).toHaveLength(sample.services);
        expect(auto.summary.findingsCount).toBe(sample.findings);
        expect(auto.summary.servicesCount).toBe(sample.services);
        const explicit = await importReport(readSample(sample.file), { format: sample.format });
        expect(explicit).toEqual(auto);
      },
    );
  }

  for (const file of CSV) {
    it.skipIf(!hasSample(file))(`rejects the unsupported CSV ${file}`, async () => {
      const error = await expectScanImportError(() => importReport(readSample(file)));
      expect(error).toMatchObject({ reason: 'unknown-format', status: 415, format: 'unknown' });
    });
  }

  it('rejects empty and unknown input', async () => {
    expect(await expectScanImportError(() => importReport(''))).toMatchObject({
      reason: 'unknown-format',
      bareMessage: 'the input is empty',
    });
    expect(await expectScanImportError(() => importReport('hello'))).toMatchObject({
      reason: 'unknown-format',
    });
  });

  it('rejects an unknown explicit format', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately passing a value outside the type
    const error = await expectScanImportError(() => importReport('<x/>', { format: 'qualys' as any }));
    expect(error.reason).toBe('unknown-format');
  });

  it('wraps errors of the input stream', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield '<nmaprun>';
      throw new Error('disk on fire');
    }
    const error = await expectScanImportError(() => importReport(failing(), { format: 'nmap' }));
    expect(error).toMatchObject({ reason: 'read-failed', offset: 9 });
    expect(error.message).toContain('disk on fire');
  });
});

describe('isCovered', () => {
  it('treats host-level coverage as covering every port', () => {
    const covered = [{ host: 'A.example' }, { host: '192.0.2.1', port: 443, protocol: 'tcp' as const }];
    expect(isCovered(covered, { host: 'a.example', port: 22, protocol: 'tcp' })).toBe(true);
    expect(isCovered(covered, { host: '192.0.2.1', port: 443, protocol: 'tcp' })).toBe(true);
    expect(isCovered(covered, { host: '192.0.2.1', port: 443, protocol: 'udp' })).toBe(false);
    expect(isCovered(covered, { host: '192.0.2.1', port: 80, protocol: 'tcp' })).toBe(false);
    expect(isCovered(covered, { host: '192.0.2.1' })).toBe(false);
  });
});
