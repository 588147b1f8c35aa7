/**
 * The upload endpoint with truncated and mutated reports (real samples, read in place, and a
 * synthetic one): every answer is 201 or a 4xx problem+json, and a refused upload writes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/helpers.ts';
import { organisationIdByArs } from '../../assessments/test-support.ts';
import { PILOT_ARS } from '../../demo/seed.ts';
import { hasSample, readSample } from '../imports/test-support.ts';
import { greenboneReport, scanRowCounts, testsslReport } from './test-support.ts';

const FILES = [
  'gvm/defectdojo_openvas_one_vuln.xml',
  'nmap/generated_nmap-7.93_localhost_ssl-enum-ciphers.xml',
  'nuclei/defectdojo_nuclei_many_findings_new.jsonl',
  'testssl/generated_testssl-3.0.8_localhost_flat.json',
  'internetnl/internetnl_batch_v2_mail_rpki.json',
].filter(hasSample);

let t: TestApp;
// Uploads are rate-limited per user (30 a minute): the runs rotate over three accounts.
let clients: TestClient[];
let run = 0;
let orgId: string;
const seeds: Buffer[] = [];

beforeAll(async () => {
  t = await createTestApp({ BASTEI_SCAN_IMPORT_LIMIT_BYTES: String(256 * 1024) });
  clients = [await t.as('isb.halberstadt'), await t.as('ministerium'), await t.as('admin')];
  orgId = await organisationIdByArs(t.database.db, PILOT_ARS.halberstadt);
  for (const file of FILES) seeds.push(readSample(file));
  seeds.push(Buffer.from(testsslReport('www.halberstadt.example', 443, [['HSTS', 'MEDIUM', 'not offered']])));
  seeds.push(
    Buffer.from(
      greenboneReport([{ host: '192.0.2.7', oid: '1.3.6.1.4.1.25623.1.0.5', name: 'Test', severity: 7.5 }]),
    ),
  );
});
afterAll(() => t.close());

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom(
      '<',
      '>',
      '"',
      '{',
      '}',
      ']',
      '<!ENTITY x "y">',
      '\u0000',
      '&amp',
      '<!DOCTYPE x SYSTEM "f">',
    ),
  }),
  fc.record({
    kind: fc.constant('cut' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 200 }),
  }),
);

function mutate(bytes: Buffer, m: Record<string, unknown>): Buffer {
  const at = Math.floor((m.at as number) * bytes.length);
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'flip': {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[Math.min(at, copy.length - 1)] = m.byte as number;
      return copy;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text as string), bytes.subarray(at)]);
    default:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + (m.length as number))]);
  }
}

describe('upload fuzz', () => {
  it('answers 201 or a 4xx problem and writes nothing when it refuses', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutation, async (pick, m) => {
        const body = mutate(seeds[pick % seeds.length]!, m);
        const before = await scanRowCounts(t.database.db);
        const client = clients[run++ % clients.length]!;
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/v1/organisations/${orgId}/scan-imports?filename=fuzz.bin`,
          payload: body,
          headers: {
            cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'x-csrf-token': client.csrfToken!,
            'content-type': 'application/octet-stream',
          },
        });
        if (r.statusCode === 201) return;
        expect([400, 413, 415], r.body).toContain(r.statusCode);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(await scanRowCounts(t.database.db)).toEqual(before);
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });
});
