/**
 * Fuzzing the upload endpoint: random bytes, random JSON and mutated real documents never give a
 * 500, always problem+json on refusal, and a refused upload writes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { uploadBytes } from '../assessments/test-support.ts';
import { addMembership, createUser } from '../users/service.ts';
import { loadCsafValidator } from './csaf/validate.ts';
import { hasReference, readReferenceJson } from './test-support.ts';

const BASE = 'oasis/examples/bsi-2022-0001.json';
let t: TestApp;
let cert: TestClient;
/** Uploads are rate-limited per user (60 a minute): each property signs in as its own CERT analyst. */
const analysts: string[] = [];

beforeAll(async () => {
  await loadCsafValidator();
  t = await createTestApp();
  const ctx = systemContext(t.database.db, 'test');
  const certOrg = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'cert')
    .executeTakeFirstOrThrow();
  for (const n of [1, 2, 3]) {
    const email = `fuzz${n}@test.bastei.local`;
    const user = await createUser(
      ctx,
      { email, displayName: email, password: TEST_PASSWORD, locale: 'de' },
      { argon2MemoryKiB: 1024 },
    );
    await addMembership(ctx, user.id, { organisationId: certOrg.id, role: 'cert' });
    analysts.push(email);
  }
}, 120_000);
afterAll(() => t?.close());

const rows = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('advisories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function check(bytes: Buffer) {
  const before = await rows();
  const response = await uploadBytes(t, cert, '/api/v1/advisories', bytes, {
    'content-type': 'application/json',
  });
  expect([200, 201, 400, 413], response.body.slice(0, 300)).toContain(response.statusCode);
  if (response.statusCode >= 400) {
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(typeof problem.detail).toBe('string');
    for (const e of problem.errors ?? []) expect(e.pointer).toMatch(/^\/body/);
    expect(await rows()).toBe(before);
  }
}

/** Replace one value somewhere in the document by an arbitrary JSON value. */
function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || typeof doc !== 'object' || doc === null) return value;
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[(path[0] as number) % keys.length] as string;
  const copy: Record<string, unknown> = Array.isArray(doc) ? ([...doc] as never) : { ...(doc as object) };
  copy[key] = mutate((doc as Record<string, unknown>)[key], path.slice(1), value);
  return copy;
}

describe('POST /api/v1/advisories under fuzzing', { timeout: 300_000 }, () => {
  it('random bytes', async () => {
    cert = await t.as(analysts[0]!);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), (bytes) => check(Buffer.from(bytes))),
      { numRuns: 40 },
    );
  });
  it('random JSON', async () => {
    cert = await t.as(analysts[1]!);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (value) =>
        check(Buffer.from(JSON.stringify(value) || '0')),
      ),
      { numRuns: 40 },
    );
  });
  it.runIf(hasReference(BASE))('mutated real document', async () => {
    cert = await t.as(analysts[2]!);
    const base = readReferenceJson(BASE);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.jsonValue({ maxDepth: 2 }),
        (path, value) => check(Buffer.from(JSON.stringify(mutate(base, path, value)))),
      ),
      { numRuns: 50 },
    );
  });
});
