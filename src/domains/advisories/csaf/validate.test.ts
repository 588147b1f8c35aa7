import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import {
  CSAF_REFERENCE_DIR,
  hasReference,
  INVALID_TESTCASES,
  readReference,
  readReferenceJson,
  VALID_ADVISORIES,
} from '../test-support.ts';
import { CsafError } from './errors.ts';
import {
  compareCsafRevisions,
  csafDocumentKey,
  loadCsafValidator,
  readCsaf,
  testId,
  validateCsaf,
} from './validate.ts';

// importing the validator library takes seconds on a busy machine: pay it outside the test timeout
beforeAll(() => loadCsafValidator(), 120_000);

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listJson(path));
    else if (entry.endsWith('.json')) out.push(relative(CSAF_REFERENCE_DIR, path));
  }
  return out.sort();
}

async function readError(bytes: Uint8Array, options?: { maxBytes?: number }): Promise<CsafError> {
  try {
    await readCsaf(bytes, options);
  } catch (error) {
    if (error instanceof CsafError) return error;
    throw error;
  }
  throw new Error('readCsaf accepted the document');
}

describe.runIf(hasReference('SOURCES.md'))('the reference set', () => {
  it('lists every CSAF document of the folder as valid or as an intentionally invalid test case', () => {
    const advisories = listJson(CSAF_REFERENCE_DIR).filter((file) => {
      const json = readReferenceJson(file);
      return typeof json.document === 'object' && json.document !== null;
    });
    expect(advisories).toEqual([...VALID_ADVISORIES, ...INVALID_TESTCASES].sort());
  });

  it.each(VALID_ADVISORIES)('%s validates (strict schema + mandatory tests)', async (file) => {
    const bytes = readReference(file);
    const read = await readCsaf(bytes);
    expect(read.bytes).toBe(bytes);
    expect(read.sha512).toMatch(/^[0-9a-f]{128}$/);
    expect(read.trackingId.length).toBeGreaterThan(0);
    expect(read.revisionHistory.length).toBeGreaterThan(0);
  });
});

describe.runIf(hasReference(...INVALID_TESTCASES))('the intentionally invalid OASIS test cases', () => {
  const expected: Record<(typeof INVALID_TESTCASES)[number], { test: string; pointer: string }[]> = {
    'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json': [
      { test: '6.1.1', pointer: '/product_tree/product_groups/0/product_ids/0' },
      { test: '6.1.1', pointer: '/product_tree/product_groups/0/product_ids/1' },
    ],
    'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-06-01.json': [
      { test: '6.1.6', pointer: '/vulnerabilities/0/product_status' },
    ],
    'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-13-01.json': [
      { test: '6.1.13', pointer: '/product_tree/full_product_names/0/product_identification_helper/purl' },
    ],
  };

  it.each(INVALID_TESTCASES)('%s fails with the expected test ids and pointers', async (file) => {
    const error = await readError(readReference(file));
    expect(error.reason).toBe('invalid');
    expect(error.problems.map(({ test, pointer }) => ({ test, pointer }))).toEqual(expected[file]);
    expect(error.problems.every((p) => p.message.length > 0)).toBe(true);
    // an AppError: the HTTP layer turns it into a 400 problem document listing the problems
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    expect(error.errors).toEqual(error.problems);
    expect(error.extensions.tests).toEqual([...new Set(expected[file].map((e) => e.test))]);
  });
});

describe.runIf(hasReference(...VALID_ADVISORIES))('metadata', () => {
  it('reads BSI WID-SEC-W-2024-3319: tracking, 17 revisions, TLP:WHITE → CLEAR, German', async () => {
    const read = await readCsaf(readReference('bsi-wid/wid-sec-w-2024-3319.json'));
    expect(read).toMatchObject({
      publisherNamespace: 'https://www.bsi.bund.de',
      publisherName: 'Bundesamt für Sicherheit in der Informationstechnik',
      trackingId: 'WID-SEC-W-2024-3319',
      version: '17',
      trackingStatus: 'final',
      category: 'csaf_base',
      title: 'Apache HTTP Server: Mehrere Schwachstellen',
      language: 'de-DE',
      tlp: { label: 'CLEAR', csafLabel: 'WHITE', source: 'document', statedInText: null },
      cves: ['CVE-2020-11984', 'CVE-2020-11985', 'CVE-2020-11993', 'CVE-2020-9490'],
    });
    expect(read.revisionHistory).toHaveLength(17);
    expect(read.revisionHistory[0]).toEqual({
      number: '1',
      date: '2020-08-09T22:00:00.000+00:00',
      summary: 'Initiale Fassung',
    });
  });

  it('keeps the original bytes: the SHA-512 equals the provider’s published .sha512', async () => {
    const file = 'gocsaf-rolie-provider/white/avendor-advisory-0004.json';
    if (!hasReference(`${file}.sha512`)) return;
    const published = readReference(`${file}.sha512`).toString('utf8').split(/\s+/)[0];
    const read = await readCsaf(readReference(file));
    expect(read.sha512).toBe(published);
    expect(read.sha256).toBe(readReference(`${file}.sha256`).toString('utf8').split(/\s+/)[0]);
  });

  it('a document without TLP label is CLEAR by the CSAF 2.1 conversion rule, with a warning', async () => {
    const read = await readCsaf(readReference('oasis/vex/2022-evd-uc-01-a-001.json'));
    expect(read.tlp).toEqual({ label: 'CLEAR', csafLabel: null, source: 'default', statedInText: null });
    expect(read.warnings).toContainEqual(
      expect.objectContaining({ test: 'tlp', pointer: '/document/distribution/tlp' }),
    );
    expect(read.language).toBeNull();
  });

  it('honours a TLP 2.0 label stated in distribution.text (RED meant as AMBER+STRICT)', async () => {
    const doc = readReferenceJson('oasis/examples/bsi-2022-0001.json') as {
      document: Record<string, unknown>;
    };
    doc.document.distribution = {
      text: 'Weitergabe nur innerhalb der Organisation. TLP v2.0: TLP:AMBER+STRICT',
      tlp: { label: 'RED', url: 'https://www.first.org/tlp/' },
    };
    const read = await readCsaf(encode(doc));
    expect(read.tlp).toEqual({
      label: 'AMBER+STRICT',
      csafLabel: 'RED',
      source: 'distribution-text',
      statedInText: 'AMBER+STRICT',
    });
  });

  it('never lets the text loosen the label otherwise (AMBER stays AMBER, with a warning)', async () => {
    const doc = readReferenceJson('oasis/examples/bsi-2022-0001.json') as {
      document: Record<string, unknown>;
    };
    doc.document.distribution = { text: 'TLP v2.0: TLP:CLEAR', tlp: { label: 'AMBER' } };
    const read = await readCsaf(encode(doc));
    expect(read.tlp).toMatchObject({ label: 'AMBER', source: 'document', statedInText: 'CLEAR' });
    expect(read.warnings).toContainEqual(
      expect.objectContaining({ test: 'tlp', pointer: '/document/distribution/text' }),
    );
    doc.document.distribution = { text: 'TLP v2.0: TLP:RED', tlp: { label: 'WHITE' } };
    expect((await readCsaf(encode(doc))).tlp).toMatchObject({ label: 'RED', source: 'distribution-text' });
  });

  it.each([
    ['GREEN', 'GREEN'],
    ['AMBER', 'AMBER'],
    ['RED', 'RED'],
  ])('maps TLP:%s to %s', async (v1, v2) => {
    const doc = readReferenceJson('oasis/examples/bsi-2022-0001.json') as {
      document: Record<string, unknown>;
    };
    doc.document.distribution = { tlp: { label: v1 } };
    expect((await readCsaf(encode(doc))).tlp.label).toBe(v2);
  });
});

describe.runIf(hasReference('isduba-revisions/avendor-advisory-0004.v2.json'))('revisions (ISDuBA)', () => {
  const files = [
    'isduba-revisions/avendor-advisory-0004.v2.json',
    'isduba-revisions/avendor-advisory-0004.v3-interim.json',
    'isduba-revisions/avendor-advisory-0004.v3-final.json',
  ] as const;

  it('exposes the same document key and tracking version + status for superseding', async () => {
    const reads = await Promise.all(files.map((file) => readCsaf(readReference(file))));
    expect(new Set(reads.map(csafDocumentKey))).toEqual(
      new Set(['https://www.example.com#Avendor-advisory-0004']),
    );
    expect(reads.map((r) => [r.version, r.trackingStatus, r.revisionHistory.length])).toEqual([
      ['2', 'draft', 2],
      ['3', 'interim', 3],
      ['3', 'final', 3],
    ]);
    const shuffled = [reads[2], reads[0], reads[1]] as typeof reads;
    shuffled.sort(compareCsafRevisions);
    expect(shuffled.map((r) => `${r.version}-${r.trackingStatus}`)).toEqual([
      '2-draft',
      '3-interim',
      '3-final',
    ]);
    expect(new Set(reads.map((r) => r.sha512)).size).toBe(3);
  });

  it('orders semver and integer tracking versions numerically', () => {
    const at = (version: string) => ({
      version,
      trackingStatus: 'final' as const,
      currentReleaseDate: '2024-01-01T00:00:00Z',
    });
    expect(compareCsafRevisions(at('10'), at('9'))).toBeGreaterThan(0);
    expect(compareCsafRevisions(at('1.0.10'), at('1.0.9'))).toBeGreaterThan(0);
    expect(compareCsafRevisions(at('1.0.0-rc.1'), at('1.0.0'))).toBeLessThan(0);
  });
});

describe('bad input: a CsafError listing the problems, nothing else', () => {
  it('refuses oversize documents before parsing (413)', async () => {
    const error = await readError(new Uint8Array(2048).fill(0x20), { maxBytes: 1024 });
    expect(error.reason).toBe('too-large');
    expect(error.status).toBe(413);
    expect(error.problems[0]?.message).toContain('2048');
  });

  it('refuses bytes that are not UTF-8', async () => {
    const error = await readError(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(error.reason).toBe('encoding');
  });

  it('refuses text that is not JSON', async () => {
    const error = await readError(new TextEncoder().encode('{"document": '));
    expect(error.reason).toBe('malformed-json');
    expect(error.status).toBe(400);
  });

  it.each([[[]], [null], [42], [{ vulnerabilities: [] }], [{ document: 'x' }]])(
    'refuses JSON that is not a CSAF document: %j',
    async (value) => {
      const error = await readError(encode(value));
      expect(error.reason).toBe('not-csaf');
    },
  );

  it.runIf(hasReference('oasis/examples/bsi-2022-0001.json'))(
    'names the JSON path of schema errors',
    async () => {
      const doc = readReferenceJson('oasis/examples/bsi-2022-0001.json') as {
        document: { tracking: Record<string, unknown> };
        product_tree: unknown;
      };
      delete doc.document.tracking.id;
      doc.document.tracking.version = 7;
      const error = await readError(encode(doc));
      expect(error.reason).toBe('invalid');
      expect(error.problems).toContainEqual(
        expect.objectContaining({ test: 'schema', pointer: '/document/tracking' }),
      );
      expect(error.problems).toContainEqual(
        expect.objectContaining({ test: 'schema', pointer: '/document/tracking/version' }),
      );
    },
  );

  it.runIf(hasReference('oasis/examples/bsi-2022-0001.json'))(
    'runs the mandatory tests on schema-valid documents (6.1.1 missing product id)',
    async () => {
      const doc = readReferenceJson('oasis/examples/bsi-2022-0001.json') as {
        vulnerabilities: { product_status: { known_affected: string[] } }[];
      };
      doc.vulnerabilities[0]?.product_status.known_affected.push('CSAFPID-9999');
      const validation = await validateCsaf(doc);
      expect(validation.valid).toBe(false);
      expect(validation.errors).toContainEqual(
        expect.objectContaining({
          test: '6.1.1',
          pointer: '/vulnerabilities/0/product_status/known_affected/5',
        }),
      );
    },
  );
});

describe('testId', () => {
  it('turns validator test names into section numbers', () => {
    expect(testId('mandatoryTest_6_1_27_3')).toBe('6.1.27.3');
    expect(testId('mandatoryTest_6_1_1')).toBe('6.1.1');
    expect(testId('csaf_2_0_strict')).toBe('schema');
  });
});
