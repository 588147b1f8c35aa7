/**
 * Bad input on the assessment API: unknown requirements, transitions not allowed from the current
 * state, roles that may not act, uploads too large / of a disallowed type / with a wrong
 * extension / zip bombs, missing CSRF header. Each is a problem+json and writes nothing: the
 * assessment tables, the audit log and the file store are counted before and after.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { addMembership, createUser } from '../users/service.ts';
import {
  createSmallCatalog,
  organisationIdByArs,
  rowCounts,
  type SmallCatalog,
  sampleFiles,
  uploadBytes,
} from './test-support.ts';

const UPLOAD_LIMIT = 64 * 1024;
let t: TestApp;
let filesDir: string;
let halberstadt: string;
let catalog: SmallCatalog;
let isb: TestClient;
let member: TestClient;
let auditor: TestClient;
let otherAuditor: TestClient;
let ministry: TestClient;
let draftId: string;
let submittedId: string;

const storedFiles = () => readdirSync(filesDir, { recursive: true }).length;

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'bastei-evidence-'));
  t = await createTestApp({ BASTEI_FILES_DIR: filesDir, BASTEI_UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) });
  const db = t.database.db;
  halberstadt = await organisationIdByArs(db, PILOT_ARS.halberstadt);
  const ctx = systemContext(db, 'test');
  const policy = { argon2MemoryKiB: 1024 };
  const memberUser = await createUser(
    ctx,
    {
      email: 'member.halberstadt@test.bastei.local',
      displayName: 'Mitarbeiterin',
      password: TEST_PASSWORD,
      locale: 'de',
    },
    policy,
  );
  await addMembership(ctx, memberUser.id, { organisationId: halberstadt, role: 'member' });
  const provider = await db
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'provider')
    .executeTakeFirstOrThrow();
  const other = await createUser(
    ctx,
    {
      email: 'pruefer.andere@test.bastei.local',
      displayName: 'Andere Prüferin',
      password: TEST_PASSWORD,
      locale: 'de',
    },
    policy,
  );
  await addMembership(ctx, other.id, { organisationId: provider.id, role: 'auditor' });
  catalog = await createSmallCatalog(db, 'BI');
  isb = await t.as('isb.halberstadt');
  member = await t.as('member.halberstadt@test.bastei.local');
  auditor = await t.as('pruefer');
  otherAuditor = await t.as('pruefer.andere@test.bastei.local');
  ministry = await t.as('ministerium');
  const create = async () =>
    (
      (
        await isb.post('/api/v1/assessments', { organisationId: halberstadt, catalogId: catalog.id })
      ).json() as {
        id: string;
      }
    ).id;
  draftId = await create();
  submittedId = await create();
  await isb.post(`/api/v1/assessments/${submittedId}/submit`);
});
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

/** Runs `request`, expects a problem+json with `status` (and `type`), and that nothing was written. */
async function expectRejected(
  request: () => Promise<LightMyRequestResponse>,
  status: number,
  type?: string,
): Promise<LightMyRequestResponse> {
  const before = await rowCounts(t.database.db);
  const files = storedFiles();
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  if (type) expect(response.json().type).toBe(`urn:bastei:problem:${type}`);
  expect(await rowCounts(t.database.db)).toEqual(before);
  expect(storedFiles()).toBe(files);
  return response;
}

const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body);
const answerUrl = (id: string, ref: string) => `/api/v1/assessments/${id}/answers/${encodeURIComponent(ref)}`;
const evidenceUrl = (id: string, ref: string, filename: string) =>
  `/api/v1/assessments/${id}/evidence?requirementId=${encodeURIComponent(ref)}&filename=${encodeURIComponent(filename)}`;

describe('unknown requirements → 400 naming the requirement', () => {
  it('single answer, by key and by id of another catalog', async () => {
    const response = await expectRejected(
      () => put(isb, answerUrl(draftId, 'BB-GIBTS-NICHT'), { status: 'yes' }),
      400,
      'validation-failed',
    );
    expect(response.json().detail).toContain('BB-GIBTS-NICHT');
    expect(response.json().errors).toEqual([
      { pointer: '/params/requirementId', message: 'unbekannte Anforderung „BB-GIBTS-NICHT“' },
    ]);
    const other = await createSmallCatalog(t.database.db, 'ZZ');
    const foreignId = other.requirementIds[other.topics.T1[0]!]!;
    await expectRejected(() => put(isb, answerUrl(draftId, foreignId), { status: 'yes' }), 400);
  });

  it('bulk: all or nothing, every unknown one named with its pointer', async () => {
    const response = await expectRejected(
      () =>
        put(isb, `/api/v1/assessments/${draftId}/answers`, {
          answers: [
            { requirementId: catalog.topics.T1[0], status: 'yes' },
            { requirementId: 'FREMD-1', status: 'no' },
            { requirementId: catalog.topics.T1[1], status: 'partial' },
            { requirementId: 'FREMD-2', status: 'no' },
          ],
        }),
      400,
    );
    expect(response.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/answers/1/requirementId',
      '/body/answers/3/requirementId',
    ]);
    await expectRejected(
      () =>
        put(isb, `/api/v1/assessments/${draftId}/answers`, {
          answers: [
            { requirementId: catalog.topics.T1[0], status: 'yes' },
            { requirementId: catalog.requirementIds[catalog.topics.T1[0]!], status: 'no' },
          ],
        }),
      400,
    );
  });

  it('samples, evidence, history and subsets', async () => {
    await expectRejected(
      () =>
        auditor.post(`/api/v1/assessments/${submittedId}/samples`, {
          requirementId: 'NOPE-1',
          description: 'x',
          result: 'passed',
        }),
      400,
    );
    await expectRejected(
      () => uploadBytes(t, isb, evidenceUrl(draftId, 'NOPE-1', 'a.pdf'), sampleFiles.pdf()),
      400,
    );
    expect((await isb.get(`${answerUrl(draftId, 'NOPE-1')}/history`)).statusCode).toBe(400);
    const response = await expectRejected(
      () =>
        isb.post('/api/v1/assessments', {
          organisationId: halberstadt,
          catalogId: catalog.id,
          subset: { requirementIds: [catalog.topics.T1[0], 'NOPE-2'] },
        }),
      400,
    );
    expect(response.json().errors[0].pointer).toBe('/body/subset/requirementIds/1');
  });
});

describe('transitions not allowed from the current state → 409 invalid-state-transition', () => {
  it.each([
    ['verify a draft', () => auditor.post(`/api/v1/assessments/${draftId}/verify`)],
    ['freeze a draft', () => auditor.post(`/api/v1/assessments/${draftId}/freeze`)],
    ['freeze a submitted one', () => auditor.post(`/api/v1/assessments/${submittedId}/freeze`)],
    ['submit twice', () => isb.post(`/api/v1/assessments/${submittedId}/submit`)],
    [
      'answer a submitted one',
      () => put(isb, answerUrl(submittedId, catalog.topics.T1[0]!), { status: 'yes' }),
    ],
    [
      'override in a draft',
      () =>
        put(auditor, `${answerUrl(draftId, catalog.topics.T1[0]!)}/override`, { status: 'no', note: 'n' }),
    ],
    [
      'sample in a draft',
      () =>
        auditor.post(`/api/v1/assessments/${draftId}/samples`, {
          requirementId: catalog.topics.T1[0],
          description: 'd',
          result: 'passed',
        }),
    ],
    [
      'next phase of a draft',
      () => isb.post(`/api/v1/assessments/${draftId}/next-phase`, { phase: 'on_site' }),
    ],
    [
      'evidence on a submitted one',
      () => uploadBytes(t, isb, evidenceUrl(submittedId, catalog.topics.T1[0]!, 'a.pdf'), sampleFiles.pdf()),
    ],
  ])('%s', async (_label, request) => {
    await expectRejected(request, 409, 'invalid-state-transition');
  });

  it('a phase never goes back', async () => {
    const id = (
      (
        await isb.post('/api/v1/assessments', {
          organisationId: halberstadt,
          catalogId: catalog.id,
          phase: 'on_site',
        })
      ).json() as {
        id: string;
      }
    ).id;
    await isb.post(`/api/v1/assessments/${id}/submit`);
    await auditor.post(`/api/v1/assessments/${id}/verify`);
    await auditor.post(`/api/v1/assessments/${id}/freeze`);
    await expectRejected(() => isb.post(`/api/v1/assessments/${id}/next-phase`, { phase: 'on_site' }), 409);
    await expectRejected(() => isb.post(`/api/v1/assessments/${id}/next-phase`, { phase: 'self' }), 400);
  });
});

describe('roles that may not act → 403 (or 404 when they may not see the assessment)', () => {
  it('a member of the Kommune may answer but not submit or create', async () => {
    const ok = await put(member, answerUrl(draftId, catalog.topics.T2[0]!), { status: 'partial' });
    expect(ok.statusCode, ok.body).toBe(200);
    await expectRejected(() => member.post(`/api/v1/assessments/${draftId}/submit`), 403, 'forbidden');
    await expectRejected(
      () => member.post('/api/v1/assessments', { organisationId: halberstadt, catalogId: catalog.id }),
      403,
    );
  });

  it('the ministry and the auditor may not answer; the ISB may not verify; an unassigned auditor sees nothing', async () => {
    await expectRejected(
      () => put(ministry, answerUrl(draftId, catalog.topics.T1[0]!), { status: 'yes' }),
      403,
    );
    await expectRejected(
      () => put(auditor, answerUrl(draftId, catalog.topics.T1[0]!), { status: 'yes' }),
      403,
    );
    await expectRejected(() => isb.post(`/api/v1/assessments/${submittedId}/verify`), 403);
    await expectRejected(
      () =>
        put(isb, `${answerUrl(submittedId, catalog.topics.T1[0]!)}/override`, { status: 'yes', note: 'n' }),
      403,
    );
    await expectRejected(
      () => otherAuditor.post(`/api/v1/assessments/${submittedId}/verify`),
      404,
      'not-found',
    );
    await expectRejected(
      () => auditor.post('/api/v1/assessments', { organisationId: halberstadt, catalogId: catalog.id }),
      403,
    );
  });

  it('a low role cannot set state fields: unknown body fields are rejected', async () => {
    await expectRejected(
      () => put(isb, answerUrl(draftId, catalog.topics.T1[0]!), { status: 'yes', auditorStatus: 'yes' }),
      400,
    );
    await expectRejected(
      () =>
        isb.post('/api/v1/assessments', {
          organisationId: halberstadt,
          catalogId: catalog.id,
          status: 'frozen',
        }),
      400,
    );
  });
});

describe('uploads', () => {
  const ref = () => catalog.topics.T1[0]!;

  it('too large → 413', async () => {
    await expectRejected(
      () =>
        uploadBytes(t, isb, evidenceUrl(draftId, ref(), 'gross.txt'), Buffer.alloc(UPLOAD_LIMIT + 1, 0x61)),
      413,
      'payload-too-large',
    );
  });

  it('disallowed types → 415', async () => {
    for (const [name, bytes] of [
      ['tool.exe', sampleFiles.exe()],
      ['daten.bin', sampleFiles.binary()],
      ['archiv.zip', sampleFiles.plainZip()],
      ['makro.docx', sampleFiles.docm()],
    ] as const) {
      await expectRejected(
        () => uploadBytes(t, isb, evidenceUrl(draftId, ref(), name), bytes),
        415,
        'unsupported-media-type',
      );
    }
  });

  it('an extension that does not match the content → 400', async () => {
    const response = await expectRejected(
      () => uploadBytes(t, isb, evidenceUrl(draftId, ref(), 'konzept.docx'), sampleFiles.pdf()),
      400,
      'validation-failed',
    );
    expect(response.json().errors[0].pointer).toBe('/querystring/filename');
    await expectRejected(
      () => uploadBytes(t, isb, evidenceUrl(draftId, ref(), 'seite.html'), sampleFiles.html()),
      400,
    );
    await expectRejected(
      () => uploadBytes(t, isb, evidenceUrl(draftId, ref(), 'ohne-endung'), sampleFiles.pdf()),
      400,
    );
    await expectRejected(
      () => uploadBytes(t, isb, evidenceUrl(draftId, ref(), '../../etc/.passwd'), sampleFiles.text()),
      400,
    );
  });

  it('a zip bomb → 413, however its headers lie', async () => {
    // The test app's upload limit is small; this one's is the default 20 MiB.
    const big = await createTestApp({ BASTEI_FILES_DIR: filesDir });
    try {
      const client = await big.as('isb.halberstadt');
      const own = await createSmallCatalog(big.database.db, 'ZB');
      const id = (
        (
          await client.post('/api/v1/assessments', { organisationId: halberstadt, catalogId: own.id })
        ).json() as {
          id: string;
        }
      ).id;
      const before = await rowCounts(big.database.db);
      for (const bomb of [sampleFiles.zipBomb(25), sampleFiles.lyingZip()]) {
        const response = await uploadBytes(
          big,
          client,
          evidenceUrl(id, own.topics.T1[0]!, 'bombe.docx'),
          bomb,
        );
        expect(response.statusCode, response.body).toBe(413);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect(await rowCounts(big.database.db)).toEqual(before);
    } finally {
      await big.close();
    }
  });

  it('needs application/octet-stream and the CSRF header like every write', async () => {
    await expectRejected(
      () =>
        uploadBytes(t, isb, evidenceUrl(draftId, ref(), 'a.txt'), sampleFiles.text(), {
          'content-type': 'application/json',
        }),
      415,
    );
    await expectRejected(
      () =>
        uploadBytes(t, isb, evidenceUrl(draftId, ref(), 'a.txt'), sampleFiles.text(), {
          'x-csrf-token': 'falsch',
        }),
      403,
      'csrf-rejected',
    );
    await expectRejected(
      () =>
        uploadBytes(t, isb, evidenceUrl(draftId, ref(), 'a.txt'), sampleFiles.text(), {
          origin: 'https://angreifer.example',
        }),
      403,
      'csrf-rejected',
    );
  });

  it('accepts each allowed type once; the same file twice on one answer is stored once', async () => {
    for (const [name, bytes] of [
      ['konzept.pdf', sampleFiles.pdf()],
      ['foto.png', sampleFiles.png()],
      ['foto.jpeg', sampleFiles.jpeg()],
      ['notiz.txt', sampleFiles.text()],
      ['richtlinie.docx', sampleFiles.docx()],
      ['richtlinie.odt', sampleFiles.odt()],
    ] as const) {
      const response = await uploadBytes(t, isb, evidenceUrl(draftId, ref(), name), bytes);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(201);
    }
    const again = await uploadBytes(
      t,
      isb,
      evidenceUrl(draftId, ref(), 'konzept-kopie.pdf'),
      sampleFiles.pdf(),
    );
    expect(again.statusCode).toBe(200);
    const list = (await isb.get(`/api/v1/assessments/${draftId}/evidence?requirementId=${ref()}`)).json() as {
      items: { id: string }[];
    };
    expect(list.items).toHaveLength(6);
    const removed = await isb.delete(`/api/v1/assessments/${draftId}/evidence/${list.items[0]!.id}`);
    expect(removed.statusCode).toBe(204);
    await expectRejected(
      () => isb.delete(`/api/v1/assessments/${draftId}/evidence/${list.items[0]!.id}`),
      404,
    );
  });
});
