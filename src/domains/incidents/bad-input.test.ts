/**
 * Bad input to the incident API: impossible times, unknown types, bad observable values, wrong
 * transitions. Each answers a 4xx problem with a German message pointing at the field, and
 * nothing is written. Then a fast-check fuzz of the report endpoint: never a 5xx, a rejected
 * request writes nothing, an accepted one writes exactly one report, one version, one audit entry.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { reportBody, rowCounts } from './test-support.ts';

// FUZZ_RUNS=1000 npx vitest run src/domains/incidents/bad-input.test.ts for a longer run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

let t: TestApp;
let isb: TestClient;
let cert: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  isb = await t.as('isb.halberstadt');
  cert = await t.as('cert');
});
afterAll(() => t.close());

const observable = (type: string, value: string) => ({ observables: [{ type, value, forDetection: true }] });

const CASES: [string, Record<string, unknown>, string, RegExp][] = [
  [
    'detection after awareness',
    { detectedAt: ago(1), awareAt: ago(2) },
    '/body/report/detectedAt',
    /Kenntnisnahme/,
  ],
  [
    'start after detection',
    { startedAt: ago(1), detectedAt: ago(2), awareAt: ago(1) },
    '/body/report/startedAt',
    /Entdeckung/,
  ],
  [
    'awareness in the future',
    { awareAt: new Date(Date.now() + 2 * HOUR).toISOString() },
    '/body/report/awareAt',
    /Zukunft/,
  ],
  ['time without zone', { awareAt: '2026-01-10T02:10:00' }, '/body/report/awareAt', /Zeitzone/],
  ['impossible date', { awareAt: '2026-02-30T02:10:00Z' }, '/body/report/awareAt', /ISO 8601/],
  ['unknown category', { category: 'aliens' }, '/body/report/category', /Kategorie/],
  ['unknown TLP', { tlp: 'PURPLE' }, '/body/report/tlp', /TLP/],
  ['unknown PAP', { pap: 'AMBER+STRICT' }, '/body/report/pap', /PAP/],
  [
    'unknown observable type',
    observable('ipv4', '192.0.2.1'),
    '/body/report/observables/0/type',
    /Unbekannter Typ/,
  ],
  ['bad IP', observable('ip', '999.1.1.1'), '/body/report/observables/0/value', /IPv4/],
  ['bad domain', observable('domain', 'localhost'), '/body/report/observables/0/value', /Domainname/],
  ['script URL', observable('url', 'javascript:alert(1)'), '/body/report/observables/0/value', /http/],
  ['bad e-mail', observable('email', 'absender@'), '/body/report/observables/0/value', /E-Mail/],
  ['short MD5', observable('hash-md5', 'abc123'), '/body/report/observables/0/value', /32 Hexadezimal/],
  [
    'SHA-1 with non-hex',
    observable('hash-sha1', 'z'.repeat(40)),
    '/body/report/observables/0/value',
    /40 Hexadezimal/,
  ],
  [
    'SHA-256 of SHA-1 length',
    observable('hash-sha256', 'a'.repeat(40)),
    '/body/report/observables/0/value',
    /64/,
  ],
  [
    'file name with path',
    observable('filename', 'C:\\Temp\\x.exe'),
    '/body/report/observables/0/value',
    /ohne Pfad/,
  ],
  ['empty title', { title: '   ' }, '/body/report/title', /leer/],
  [
    'negative citizens',
    { impact: { ...(reportBody().impact as object), citizensAffected: -1 } },
    '/body/report/impact/citizensAffected',
    /.+/,
  ],
  ['unknown field', { organisationId: 'x' }, '/body/report', /.+/],
];

describe('bad input', () => {
  it.each(CASES)(
    'refuses %s with a German message at the field, writing nothing',
    async (_name, overrides, pointer, message) => {
      const before = await rowCounts(t);
      const response = await isb.post('/api/v1/incidents', { report: reportBody(overrides) });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json() as { errors: { pointer: string; message: string }[] };
      const error = problem.errors.find((e) => e.pointer === pointer);
      expect(error, JSON.stringify(problem.errors)).toBeDefined();
      expect(error!.message).toMatch(message);
      expect(await rowCounts(t)).toEqual(before);
    },
  );

  it('accepts valid values of every observable type, normalised', async () => {
    const response = await isb.post('/api/v1/incidents', {
      report: reportBody({
        observables: [
          { type: 'ip', value: '2001:db8::1', forDetection: true },
          { type: 'domain', value: 'Bürgerportal.Example.', forDetection: false },
          { type: 'url', value: 'https://203.0.113.9/login.php?x=1', forDetection: true },
          { type: 'email', value: 'rechnung@phish.example', forDetection: true },
          { type: 'hash-md5', value: 'D41D8CD98F00B204E9800998ECF8427E', forDetection: true },
          { type: 'hash-sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', forDetection: true },
          { type: 'filename', value: 'Rechnung_2026.pdf.exe', forDetection: true },
          { type: 'other', value: 'Mutex Global\\abc', forDetection: false },
          { type: 'ip', value: '2001:db8::1', forDetection: true },
        ],
      }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const values = (response.json().report.observables as { value: string }[]).map((o) => o.value);
    expect(values).toEqual([
      '2001:db8::1',
      'xn--brgerportal-thb.example',
      'https://203.0.113.9/login.php?x=1',
      'rechnung@phish.example',
      'd41d8cd98f00b204e9800998ecf8427e',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'Rechnung_2026.pdf.exe',
      'Mutex Global\\abc',
    ]);
  });

  it('refuses wrong kinds and transitions with 400/409 and writes nothing', async () => {
    const created = await isb.post('/api/v1/incidents', { report: reportBody() });
    const id = created.json().id as string;
    const before = await rowCounts(t);
    const attempts: [TestClient, string, string, unknown, number][] = [
      [isb, 'POST', `/api/v1/incidents/${id}/submissions`, { kind: 'update', report: reportBody() }, 400],
      [isb, 'POST', '/api/v1/incidents', { kind: 'final', report: reportBody() }, 400],
      [isb, 'POST', `/api/v1/incidents/${id}/submissions`, { kind: 'final', report: reportBody() }, 409],
      [cert, 'PATCH', `/api/v1/incidents/${id}/case`, { status: 'closed_false_positive' }, 409],
      [cert, 'PATCH', `/api/v1/incidents/${id}/case`, { status: 'reopened' }, 400],
      [cert, 'PATCH', `/api/v1/incidents/${id}/case`, {}, 400],
      [cert, 'PATCH', `/api/v1/incidents/${id}/case`, { intermediateReportDueAt: ago(1) }, 400],
      [cert, 'POST', `/api/v1/incidents/${id}/case/tasks`, { title: '' }, 400],
      [cert, 'POST', `/api/v1/incidents/${id}/case/advisories`, { advisoryId: 'WID-SEC-2026-0001' }, 400],
      [cert, 'PATCH', `/api/v1/incidents/${id}/case/tasks/${crypto.randomUUID()}`, { done: true }, 404],
      [isb, 'POST', `/api/v1/incidents/${id}/requests/${crypto.randomUUID()}/answer`, { answer: 'x' }, 404],
      [isb, 'GET', `/api/v1/incidents/${id}/submissions/0`, undefined, 400],
      [isb, 'GET', '/api/v1/incidents?overdue=yes', undefined, 400],
    ];
    for (const [client, method, url, body, status] of attempts) {
      const response = await client.request(method as 'GET', url, body);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await rowCounts(t)).toEqual(before);
  });
});

// --- fuzz ----------------------------------------------------------------------------------------

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    '   ',
    '\u0000',
    'ä'.repeat(300),
    "'; drop table incident_reports;--",
    'x'.repeat(20_001),
  ),
);
const anyTime = fc.oneof(
  fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2200-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.integer({ min: 0, max: 200 }).map((h) => ago(h)),
  fc.constantFrom('2026-13-01T00:00:00Z', '0000-01-01T00:00:00Z', '2026-01-10T02:10:00', 'gestern', '', null),
);
const anyObservable = fc.record(
  {
    type: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.constantFrom(
          'ip',
          'domain',
          'url',
          'email',
          'hash-md5',
          'hash-sha1',
          'hash-sha256',
          'filename',
          'other',
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ),
    value: fc.oneof(
      anyText,
      fc.ipV4(),
      fc.ipV6(),
      fc.domain(),
      fc.webUrl(),
      fc.emailAddress(),
      fc.stringMatching(/^[0-9a-f]{32}$/),
      fc.stringMatching(/^[0-9a-fA-F]{64}$/),
    ),
    forDetection: fc.oneof(fc.boolean(), fc.constant('ja')),
    comment: anyText,
  },
  { requiredKeys: ['type', 'value'] },
);
/** A valid report with a few fields replaced by arbitrary values. */
const mutatedReport = fc
  .record(
    {
      title: anyText,
      category: fc.oneof(fc.constantFrom('malware', 'phishing', 'other'), fc.string({ maxLength: 12 })),
      description: anyText,
      startedAt: anyTime,
      detectedAt: anyTime,
      awareAt: anyTime,
      observables: fc.array(anyObservable, { maxLength: 6 }),
      tlp: fc.constantFrom('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED', 'WHITE', 'amber'),
      pap: fc.constantFrom('CLEAR', 'GREEN', 'AMBER', 'RED', 'WHITE'),
      personalData: fc.oneof(fc.boolean(), fc.constant(null)),
      namedRecipientUserIds: fc.array(fc.oneof(fc.uuid(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
      impact: fc.oneof(fc.anything(), fc.constant(reportBody().impact)),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .map((overrides) => reportBody(overrides));
const body = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      { kind: fc.constantFrom('early_warning', 'notification', 'final', 'x'), report: mutatedReport },
      { requiredKeys: ['report'] },
    ),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => ({ report: reportBody() })) },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.string() },
);

describe('fuzz: POST /api/v1/incidents', () => {
  it('never answers 5xx; a rejection writes nothing, an acceptance exactly one report and version', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await rowCounts(t);
        const response = await isb.post('/api/v1/incidents', payload);
        const after = await rowCounts(t);
        const where = `${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, where).toBeLessThan(500);
        if (response.statusCode === 201) {
          accepted++;
          expect(after).toEqual({
            ...before,
            reports: before.reports + 1,
            submissions: before.submissions + 1,
            audit: before.audit + 1,
          });
        } else {
          expect([400, 403, 404, 409, 413, 415], where).toContain(response.statusCode);
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(after).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the success path too, or the property says little.
    expect(accepted).toBeGreaterThan(0);
  });
});
