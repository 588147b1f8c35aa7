/**
 * The real scanner samples (../shared/reference/scans, read in place) imported through the API and
 * the CLI with the counts the parser tests assert; bad files and oversized uploads write nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/helpers.ts';
import { openDatabase } from '../../../platform/db/database.ts';
import { hasSample, readSample, samplePath } from '../imports/test-support.ts';
import { scanRowCounts } from './test-support.ts';

/** The parser tests' counts (imports/index.test.ts). */
const SAMPLES = [
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
] as const;

let t: TestApp;
let admin: TestClient;
let kommunen: string[];

beforeAll(async () => {
  t = await createTestApp({ BASTEI_SCAN_IMPORT_LIMIT_BYTES: String(1024 * 1024) });
  admin = await t.as('admin');
  kommunen = (
    await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('type', '=', 'municipality')
      .orderBy('ars')
      .limit(SAMPLES.length + 2)
      .execute()
  ).map((o) => o.id);
});
afterAll(() => t.close());

const upload = (body: string | Buffer, org: string, query = '') =>
  admin.request('POST', `/api/v1/organisations/${org}/scan-imports${query}`, body.toString(), {
    'content-type': 'application/octet-stream',
  });

describe('import of the real samples through the API', () => {
  SAMPLES.forEach((sample, i) => {
    it.skipIf(!hasSample(sample.file))(`${sample.file}: ${sample.findings} findings`, async () => {
      const org = kommunen[i]!;
      const bytes = readSample(sample.file);
      const r = await upload(bytes, org, `?filename=${encodeURIComponent(sample.file.split('/')[1]!)}`);
      expect(r.statusCode, r.body).toBe(201);
      const body = r.json();
      expect(body).toMatchObject({
        format: sample.format,
        findingsCount: sample.findings,
        servicesCount: sample.services,
        sizeBytes: bytes.length,
      });
      expect(body.created + body.duplicates).toBe(sample.findings);
      const stored = await t.database.db
        .selectFrom('scan_findings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organisation_id', '=', org)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(body.created);
      // The same report again: all seen, nothing new, nothing fixed.
      const again = (await upload(bytes, org)).json();
      expect(again).toMatchObject({ created: 0, fixed: 0, reopened: 0, unchanged: body.created });
      const light = (await admin.get(`/api/v1/organisations/${org}/scan-status`)).json();
      expect(light.light).toBe(body.open.high > 0 ? 'red' : body.open.medium > 0 ? 'orange' : 'green');
    });
  });

  it.skipIf(!hasSample(SAMPLES[0].file))(
    'keeps Greenbone details: CVEs, CVSS, solution, the host as asset',
    async () => {
      const list = (
        await admin.get(`/api/v1/scan-findings?organisationId=${kommunen[0]}&severity=high&limit=500`)
      ).json();
      expect(list.total).toBeGreaterThan(0);
      const withCve = list.items.find((f: { cves: string[] }) => f.cves.length > 0);
      expect(withCve.cvss.score).toBeGreaterThanOrEqual(7);
      const detail = (await admin.get(`/api/v1/scan-findings/${withCve.id}`)).json();
      expect(detail.history).toHaveLength(1);
      expect(detail.solution ?? detail.description).toBeTruthy();
    },
  );
});

describe('bad uploads', () => {
  it('refuses malformed, truncated, DTD, unknown and empty files with problem+json and writes nothing', async () => {
    const org = kommunen.at(-1)!;
    const before = await scanRowCounts(t.database.db);
    const cases: [string, number, string][] = [
      ['<?xml version="1.0"?><report><report><results><result>', 400, 'abgeschnitten'],
      [
        '<report><report><results><result><host>1.2.3.4</host></rezult></results></report></report>',
        400,
        'wohlgeformt',
      ],
      ['<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><report></report>', 400, 'DTD'],
      ['[{"id": "x", "severity": "HIGH", "finding": "y", ', 400, ''],
      ['Hallo Welt', 415, 'nicht erkannt'],
    ];
    for (const [body, status, text] of cases) {
      const r = await upload(body, org);
      expect(r.statusCode, `${body}: ${r.body}`).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().detail).toContain(text);
    }
    const empty = await admin.request('POST', `/api/v1/organisations/${org}/scan-imports`, undefined, {
      'content-type': 'application/octet-stream',
    });
    expect(empty.statusCode).toBe(400);
    const form = await admin.request('POST', `/api/v1/organisations/${org}/scan-imports`, 'a=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.statusCode).toBe(415);
    expect(await scanRowCounts(t.database.db)).toEqual(before);
  });

  it('refuses a report over the limit by its Content-Length before reading it, over real HTTP', async () => {
    const org = kommunen.at(-1)!;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers = { cookie, 'x-csrf-token': admin.csrfToken!, 'content-type': 'application/octet-stream' };
    const before = await scanRowCounts(t.database.db);
    const send = (
      extra: Record<string, string>,
      feed: (write: (chunk: Buffer) => boolean) => Promise<number>,
    ) =>
      new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
        let sent = 0;
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `/api/v1/organisations/${org}/scan-imports`,
            headers: { ...headers, ...extra },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
          },
        );
        req.on('error', (e) => (sent > 0 ? undefined : reject(e)));
        feed((chunk) => {
          sent += chunk.length;
          return req.write(chunk);
        })
          .then(() => req.end())
          .catch(() => undefined);
      });
    // 1 GB announced: answered 413 at once, only a few bytes ever leave the client.
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const gigabyte = await send({ 'content-length': String(1024 ** 3) }, async (write) => {
      write(Buffer.from('<?xml version="1.0"?><report>'));
      return 0;
    });
    expect(gigabyte.status, gigabyte.body).toBe(413);
    expect(JSON.parse(gigabyte.body).detail).toContain('größer als die erlaubten');
    // Chunked without a length: counted while streaming and stopped at the limit (1 MiB here).
    let stop = false;
    const chunked = await send({ 'transfer-encoding': 'chunked' }, async (write) => {
      write(Buffer.from('<?xml version="1.0"?><report><report><results>'));
      for (let i = 0; i < 16 * 1024 && !stop; i++) {
        if (!write(chunk)) await new Promise((r) => setTimeout(r, 5));
      }
      return 0;
    }).finally(() => {
      stop = true;
    });
    expect(chunked.status, chunked.body).toBe(413);
    expect(chunked.sent).toBeLessThan(256 * 1024 * 1024);
    expect(await scanRowCounts(t.database.db)).toEqual(before);
  });
});

describe('bastei import scan (CLI)', { timeout: 300_000 }, () => {
  const BIN = fileURLToPath(new URL('../../../../bin/bastei.js', import.meta.url));
  const MUNICIPALITIES = fileURLToPath(
    new URL('../../../../../shared/reference/municipalities/derived/st-kommunen-133.csv', import.meta.url),
  );
  if (!existsSync(MUNICIPALITIES)) console.warn(`skipping the CLI import: ${MUNICIPALITIES} is absent`);
  const run = promisify(execFile);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bastei-scan-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bastei = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
        env: {
          ...process.env,
          BASTEI_DATA_DIR: join(dir, 'data'),
          DATABASE_URL: '',
          BASTEI_ARGON2_MEMORY_KIB: '1024',
          BASTEI_DEMO_PASSWORD: 'Demo-Passwort-2026!',
          LOG_LEVEL: 'silent',
        },
        timeout: 240_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  };

  it.skipIf(!hasSample(SAMPLES[0].file) || !existsSync(MUNICIPALITIES))(
    'imports a Greenbone report with the exact counts, all or nothing',
    async () => {
      const seeded = await bastei(['import', 'municipalities', MUNICIPALITIES]);
      expect(seeded.code, seeded.stderr).toBe(0);
      const file = samplePath(SAMPLES[0].file)!;
      const first = await bastei(['import', 'scan', file, '--org', '150850135135', '--json']);
      expect(first.code, first.stderr).toBe(0);
      const result = JSON.parse(first.stdout);
      expect(result).toMatchObject({ format: 'greenbone', findingsCount: 44, fixed: 0 });
      expect(result.created + result.duplicates).toBe(44);
      const text = await bastei(['import', 'scan', file, '--org', '150850135135']);
      expect(text.stdout).toMatch(
        /Imported greenbone report defectdojo_openvas_many_vuln\.xml .*44 findings \(0 new/,
      );
      const bad = join(dir, 'bad.xml');
      writeFileSync(bad, '<?xml version="1.0"?><report><report><results><result><host>1.2.3.4');
      const failed = await bastei(['import', 'scan', bad, '--org', '150850135135']);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('abgeschnitten');
      const unknownOrg = await bastei(['import', 'scan', file, '--org', '159999999999']);
      expect(unknownOrg.code).toBe(1);
      const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
      try {
        expect((await scanRowCounts(database.db)).scan_imports).toBe(2);
      } finally {
        await database.close();
      }
    },
  );
});
