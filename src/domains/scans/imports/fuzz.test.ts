import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanImportError } from './errors.ts';
import { importReport, type ScanFormat } from './index.ts';
import { chunked, hasSample, readSample } from './test-support.ts';

/**
 * Property: whatever bytes arrive, the importers either succeed or throw a ScanImportError, never
 * a TypeError/RangeError/SyntaxError or anything else, and never hang.
 */
const SAMPLES: [string, ScanFormat][] = [
  ['gvm/defectdojo_openvas_many_vuln.xml', 'greenbone'],
  ['gvm/defectdojo_openvas_one_vuln.xml', 'greenbone'],
  ['nmap/defectdojo_nmap_multiple_port.xml', 'nmap'],
  ['nmap/generated_nmap-7.93_localhost_ssl-enum-ciphers.xml', 'nmap'],
  ['nuclei/defectdojo_nuclei_many_findings_new.jsonl', 'nuclei'],
  ['testssl/generated_testssl-3.0.8_localhost_flat.json', 'testssl'],
  ['testssl/generated_testssl-3.0.8_localhost_pretty.json', 'testssl'],
  ['internetnl/internetnl_batch_v2_web_rpki.json', 'internetnl'],
  ['internetnl/internetnl_batch_v2_mail_rpki.json', 'internetnl'],
];

/** Tokens that make mutations reach deeper than random bytes would. */
const TOKENS = [
  '<',
  '>',
  '</',
  '/>',
  '"',
  "'",
  '&',
  '&amp;',
  '&#0;',
  '&#xD800;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '<!DOCTYPE x [<!ENTITY e "x">]>',
  '<result>',
  '</result>',
  '<host>',
  '<port protocol="tcp" portid="99999">',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  '"severity":',
  '"template-id":',
  '"status":',
  '\n',
  '\\u',
  '\uFFFD',
  '\uD800',
];

type Mutation =
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = bytes;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'replace' && out.length > 0) {
      out = Buffer.from(out);
      out[Math.min(at, out.length - 1)] = m.byte;
    } else if (m.kind === 'insert') {
      out = Buffer.concat([out.subarray(0, at), Buffer.from(m.token), out.subarray(at)]);
    } else if (m.kind === 'delete') {
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
    } else if (m.kind === 'truncate') {
      out = out.subarray(0, at);
    }
  }
  return out;
}

async function onlyScanImportErrors(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ScanImportError)) {
      throw new Error(`unexpected ${error instanceof Error ? error.name : typeof error}: ${String(error)}`, {
        cause: error,
      });
    }
  }
}

describe('fuzzing the importers', () => {
  for (const [file, format] of SAMPLES) {
    it.skipIf(!hasSample(file))(
      `mutations of ${file} only ever throw ScanImportError`,
      async () => {
        const original = readSample(file);
        await fc.assert(
          fc.asyncProperty(
            fc.array(mutation, { minLength: 1, maxLength: 6 }),
            fc.integer({ min: 1, max: 4096 }),
            async (mutations, chunkSize) => {
              const bytes = mutate(original, mutations);
              await onlyScanImportErrors(() => importReport(chunked(bytes, chunkSize), { format }));
              await onlyScanImportErrors(() => importReport(bytes));
            },
          ),
          { numRuns: 60 },
        );
      },
      120_000,
    );
  }

  it('random bytes only ever throw ScanImportError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc.string({ maxLength: 256 }).map((s) => Buffer.from(`<report>${s}`)),
          fc.string({ maxLength: 256 }).map((s) => Buffer.from(`[${s}`)),
          fc.json().map((s) => Buffer.from(s)),
        ),
        fc.constantFrom<ScanFormat | 'auto'>('auto', 'greenbone', 'nmap', 'testssl', 'nuclei', 'internetnl'),
        async (bytes, format) => {
          await onlyScanImportErrors(() => importReport(bytes, { format }));
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);

  it('deeply nested input does not overflow the stack', async () => {
    const depth = 200_000;
    for (const [text, format] of [
      ['['.repeat(depth), 'testssl'],
      [`${'['.repeat(depth)}${']'.repeat(depth)}`, 'nuclei'],
      [`<report>${'<a>'.repeat(depth)}`, 'greenbone'],
      [
        `<report><report><results><result>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</result>`,
        'greenbone',
      ],
    ] as const) {
      await onlyScanImportErrors(() => importReport(text, { format }));
    }
    expect(true).toBe(true);
  }, 60_000);
});
