/**
 * Catalogs through the HTTP API: Bastei-Basis from the demo seed, imports of the real BSI and
 * NIST OSCAL files with exact counts, export (schema-valid, round-trips), permissions and the
 * error cases, each checked to leave the database unchanged.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { parseOscalCatalog } from './oscal/index.ts';
import {
  FILES,
  readReference,
  referenceAvailable,
  SCHEMA_DIR,
  schemaAvailable,
  smallCatalog,
  warnIfMissing,
} from './oscal/test-helpers.ts';
import { oscalCatalogValidator, tableCounts } from './test-support.ts';

warnIfMissing('catalog API imports of the reference files', referenceAvailable);

let t: TestApp;
let admin: TestClient;
let isb: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  isb = await t.as('isb.halberstadt');
});
afterAll(() => t.close());

const counts = () => tableCounts(t.database.db);

/** Posts a request body given as JSON text (large files are not re-serialised). */
const postText = (client: TestClient, text: string) => client.post('/api/v1/catalogs', text);

async function expectProblem(
  response: Awaited<ReturnType<TestClient['post']>>,
  status: number,
): Promise<{ detail?: string; errors?: { pointer: string; message: string }[]; type: string }> {
  expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  return response.json();
}

/** Imports through the API and checks that exactly the reported rows were added. */
async function importOk(body: string, client: TestClient = admin) {
  const before = await counts();
  const response = await postText(client, body);
  expect(response.statusCode, response.body.slice(0, 500)).toBe(201);
  const result = response.json();
  const after = await counts();
  expect(after.catalogs - before.catalogs).toBe(result.catalogId ? 1 : 0);
  expect(after.catalog_groups - before.catalog_groups).toBe(result.groups);
  expect(after.catalog_requirements - before.catalog_requirements).toBe(result.controls);
  expect(after.catalog_cross_references - before.catalog_cross_references).toBe(result.crossReferences);
  expect(after.audit_log - before.audit_log).toBe(1);
  return result;
}

function withKey(doc: Record<string, unknown>, key: string): string {
  return JSON.stringify({ document: doc, key });
}

describe('Bastei-Basis (installed by the demo seed)', () => {
  it('is listed for every role, with 19 topics and 257 requirements', async () => {
    for (const client of [isb, await t.as('bsi'), await t.as('pruefer'), admin]) {
      const response = await client.get('/api/v1/catalogs?source=builtin');
      expect(response.statusCode).toBe(200);
      const { items, total } = response.json();
      expect(total).toBe(1);
      expect(items[0]).toMatchObject({
        key: 'bastei-basis',
        version: '2026.1',
        source: 'builtin',
        groupCount: 19,
        requirementCount: 257,
        titleEn: 'Bastei baseline: baseline protection for municipalities',
      });
    }
  });

  it('shows the group tree and requirements with level, effort, references and measure templates', async () => {
    const { items } = (await isb.get('/api/v1/catalogs?key=bastei-basis')).json();
    const detail = (await isb.get(`/api/v1/catalogs/${items[0].id}`)).json();
    expect(detail.groups).toHaveLength(19);
    expect(detail.requirements).toHaveLength(257);
    const backup = detail.groups.find((g: { key: string }) => g.key === 'BB-DSI');
    expect(backup).toMatchObject({ title: 'Datensicherung', parentId: null, depth: 0 });
    expect(backup.requirementCount).toBeGreaterThan(5);
    const first = detail.requirements.find((r: { key: string }) => r.key === 'BB-DSI-01');
    expect(first).toMatchObject({
      groupId: backup.id,
      level: 'basis',
      levelRaw: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A1'], grundschutzPlusPlus: ['NOT.4.1'] },
      measureTemplates: [{ key: 'BB-DSI-01-M1', type: 'workshop', title: 'Sicherungsbedarf erheben' }],
    });
    expect(first.title).toMatch(/^Ist ermittelt, welche Daten/);
    expect(first.statement).toBe(first.title);
    expect(first.guidance).toMatch(/^Ja heißt:/);
    for (const r of detail.requirements) {
      expect(r.level).not.toBeNull();
      expect(r.effort).not.toBeNull();
      expect(r.measureTemplates.length).toBeGreaterThanOrEqual(1);
    }

    const en = (await isb.get(`/api/v1/catalogs/${items[0].id}?lang=en`)).json();
    expect(en.lang).toBe('en');
    expect(en.groups.find((g: { key: string }) => g.key === 'BB-DSI').title).toBe('Backup');
    const firstEn = en.requirements.find((r: { key: string }) => r.key === 'BB-DSI-01');
    expect(firstEn.title).toMatch(/^Has it been determined which data/);
    expect(firstEn.guidance).toMatch(/^Yes means:/);
    expect(firstEn.measureTemplates[0].title).toBe('Determine backup requirements');
  });

  it('pages and filters requirements by group (id or key) and level', async () => {
    const { items } = (await isb.get('/api/v1/catalogs?key=bastei-basis')).json();
    const id = items[0].id;
    const page1 = (await isb.get(`/api/v1/catalogs/${id}/requirements?limit=100`)).json();
    const page3 = (await isb.get(`/api/v1/catalogs/${id}/requirements?limit=100&offset=200`)).json();
    expect(page1).toMatchObject({ total: 257, limit: 100, offset: 0 });
    expect(page1.items).toHaveLength(100);
    expect(page3.items).toHaveLength(57);
    const byKey = (await isb.get(`/api/v1/catalogs/${id}/requirements?group=BB-DSI&limit=500`)).json();
    expect(byKey.items.length).toBeGreaterThan(5);
    expect(byKey.items.every((r: { key: string }) => r.key.startsWith('BB-DSI-'))).toBe(true);
    const groupId = byKey.items[0].groupId;
    const byId = (await isb.get(`/api/v1/catalogs/${id}/requirements?group=${groupId}&limit=500`)).json();
    expect(byId.total).toBe(byKey.total);
    const elevated = (await isb.get(`/api/v1/catalogs/${id}/requirements?level=elevated&limit=500`)).json();
    expect(elevated.items.every((r: { level: string }) => r.level === 'elevated')).toBe(true);
    const basis = (await isb.get(`/api/v1/catalogs/${id}/requirements?level=basis&limit=1`)).json();
    const standard = (await isb.get(`/api/v1/catalogs/${id}/requirements?level=standard&limit=1`)).json();
    expect(basis.total + standard.total + elevated.total).toBe(257);
    expect((await isb.get(`/api/v1/catalogs/${id}/requirements?group=NOPE`)).statusCode).toBe(404);
    expect((await isb.get(`/api/v1/catalogs/${id}/requirements?level=hoch`)).statusCode).toBe(400);
  });

  it('exports as a schema-valid OSCAL catalog that re-imports to the same requirements', async () => {
    const { items } = (await isb.get('/api/v1/catalogs?key=bastei-basis')).json();
    const response = await isb.get(`/api/v1/catalogs/${items[0].id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="bastei-basis_2026.1.oscal.json"',
    );
    const document = response.json();
    if (schemaAvailable) {
      const validate = oscalCatalogValidator();
      expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
    const again = await importOk(JSON.stringify({ document, key: 'bastei-basis-copy' }));
    expect(again).toMatchObject({ groups: 19, controls: 257, measureTemplates: items[0] ? 262 : 0 });
    const original = (await isb.get(`/api/v1/catalogs/${items[0].id}?lang=en`)).json();
    const copy = (await isb.get(`/api/v1/catalogs/${again.catalogId}?lang=en`)).json();
    const strip = (r: Record<string, unknown>) => {
      const { id: _id, catalogId: _c, groupId: _g, parentId: _p, measureTemplates, ...rest } = r;
      return {
        ...rest,
        measureTemplates: (measureTemplates as { id: string }[]).map(({ id: _i, ...m }) => m),
      };
    };
    expect(copy.requirements.map(strip)).toEqual(original.requirements.map(strip));
    expect(copy.titleEn).toBe(original.titleEn);
  });

  it('is not found under an unknown id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectProblem(await isb.get(`/api/v1/catalogs/${missing}`), 404);
    await expectProblem(await isb.get(`/api/v1/catalogs/${missing}/requirements`), 404);
    await expectProblem(await isb.get(`/api/v1/catalogs/${missing}/export`), 404);
    await expectProblem(await t.anonymous().get('/api/v1/catalogs'), 401);
  });
});

describe.skipIf(!referenceAvailable)('imports of the reference files through the API', () => {
  const ids: Record<string, string> = {};

  it.each([
    ['kernel', FILES.kernel, 901, 117],
    ['methodik', FILES.methodik, 95, 41],
    ['risiko', FILES.risiko, 10, 2],
    ['nistBasic', FILES.nistBasic, 4, 4],
    ['nistLow', FILES.nistLowResolved, 149, 18],
  ] as const)('%s: exact counts', async (name, file, controls, groups) => {
    const result = await importOk(readReference(file));
    expect(result).toMatchObject({ kind: 'catalog', controls, groups, crossReferences: 0 });
    ids[name] = result.catalogId;
  });

  it('keeps BSI props and maps sec_level / effort_level onto level / effort', async () => {
    const page = (await isb.get(`/api/v1/catalogs/${ids.kernel}/requirements?q=ASST.1.1.2&limit=5`)).json();
    const control = page.items.find((r: { key: string }) => r.key === 'ASST.1.1.2');
    expect(control).toMatchObject({
      title: 'Zuweisung der Aufgaben',
      level: 'standard',
      levelRaw: 'normal-SdT',
      effort: 'low',
      effortRaw: '0',
      modalVerb: 'MUSS',
      depth: 1,
    });
    expect(control.parentId).not.toBeNull();
    expect(control.guidance).toMatch(/^Die Zuweisung von Aufgaben bezeichnet/);
    const elevated = (
      await isb.get(`/api/v1/catalogs/${ids.kernel}/requirements?level=elevated&limit=1`)
    ).json();
    const standard = (
      await isb.get(`/api/v1/catalogs/${ids.kernel}/requirements?level=standard&limit=1`)
    ).json();
    expect([standard.total, elevated.total]).toEqual([674, 227]);
    const levels = await t.database.db
      .selectFrom('catalog_requirements')
      .select(['effort', 'effort_raw', (eb) => eb.fn.countAll<number>().as('n')])
      .where('catalog_id', '=', ids.kernel!)
      .groupBy(['effort', 'effort_raw'])
      .orderBy('effort_raw')
      .execute();
    expect(levels.map((l) => [l.effort_raw, l.effort, Number(l.n)])).toEqual([
      ['0', 'low', 69],
      ['1', 'low', 44],
      ['2', 'medium', 166],
      ['3', 'medium', 275],
      ['4', 'high', 158],
      ['5', 'high', 189],
    ]);
    // NIST has no BSI level: raw priority kept, level left open
    const nist = (await isb.get(`/api/v1/catalogs/${ids.nistLow}/requirements?q=ac-1&limit=1`)).json();
    expect(nist.items[0]).toMatchObject({ key: 'ac-1', level: null, effort: null });
  });

  it('Kernel: export validates against the OSCAL schema and round-trips', async () => {
    const response = await isb.get(`/api/v1/catalogs/${ids.kernel}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="bsi-stand-der-technik-kernel_/,
    );
    const document = response.json();
    if (schemaAvailable) {
      const validate = oscalCatalogValidator();
      expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
    // import → export gives the source's model back …
    const source = readReference(FILES.kernel);
    expect(parseOscalCatalog(document)).toEqual(parseOscalCatalog(source));
    // … and importing the export (under another key) stores the same rows and exports the same
    const again = await importOk(JSON.stringify({ document, key: 'kernel-roundtrip' }));
    expect(again).toMatchObject({ controls: 901, groups: 117 });
    const second = (await isb.get(`/api/v1/catalogs/${again.catalogId}/export`)).json();
    expect(second).toEqual(document);
    const rows = async (catalogId: string) =>
      (
        await t.database.db
          .selectFrom('catalog_requirements')
          .select([
            'requirement_key',
            'ordinal',
            'depth',
            'title',
            'statement',
            'guidance',
            'level',
            'effort',
            'data',
          ])
          .where('catalog_id', '=', catalogId)
          .orderBy('ordinal')
          .execute()
      ).map((r) => JSON.stringify(r));
    expect(await rows(again.catalogId)).toEqual(await rows(ids.kernel!));
  });

  it('other exports validate and round-trip too', async () => {
    for (const [name, file] of [
      ['methodik', FILES.methodik],
      ['risiko', FILES.risiko],
      ['nistBasic', FILES.nistBasic],
      ['nistLow', FILES.nistLowResolved],
    ] as const) {
      const document = (await isb.get(`/api/v1/catalogs/${ids[name]}/export`)).json();
      if (schemaAvailable) expect(oscalCatalogValidator()(document), name).toBe(true);
      expect(parseOscalCatalog(document), name).toEqual(parseOscalCatalog(readReference(file)));
    }
  });

  it('a second import of the same key and version is a 409 and writes nothing', async () => {
    const before = await counts();
    const problem = await expectProblem(await postText(admin, readReference(FILES.risiko)), 409);
    expect(problem.detail).toContain('bsi-anforderungen-zum-risikomanagement');
    expect(await counts()).toEqual(before);
  });

  it('Grundschutz++ profile resolves against Methodik, Risikomanagement and the Kernel (for Kernel-G0): 1000', async () => {
    const body = `{"document":${readReference(FILES.gsppProfile)},"with":[${readReference(FILES.methodik)},${readReference(
      FILES.risiko,
    )},{"href":"BSI-Stand-der-Technik-Kernel-G0-catalog.json","document":${readReference(FILES.kernel)}}]}`;
    const result = await importOk(body);
    expect(result).toMatchObject({
      kind: 'profile',
      key: 'anwenderkatalog-grundschutzpp',
      controls: 1000,
      warnings: [],
    });
    const detail = (await isb.get(`/api/v1/catalogs/${result.catalogId}`)).json();
    expect(detail).toMatchObject({ source: 'oscal-profile', requirementCount: 1000 });
    const risk = detail.requirements.filter((r: { key: string }) => r.key.startsWith('RISK.'));
    expect(risk.map((r: { key: string }) => r.key)).toEqual([
      'RISK.1.1',
      'RISK.1.3',
      'RISK.1.5',
      'RISK.1.10',
    ]);
    const document = (await isb.get(`/api/v1/catalogs/${result.catalogId}/export`)).json();
    if (schemaAvailable) expect(oscalCatalogValidator()(document)).toBe(true);
  });

  it('a profile whose import is missing, or that selects a missing control, is a 400 and writes nothing', async () => {
    const before = await counts();
    // Kernel-G0 left unmapped
    const unmapped = await expectProblem(
      await postText(
        admin,
        `{"document":${readReference(FILES.gsppProfile)},"with":[${readReference(FILES.methodik)},${readReference(FILES.risiko)}]}`,
      ),
      400,
    );
    expect(unmapped.errors?.[0]?.pointer).toBe('/profile/imports/2/href');
    expect(unmapped.detail).toContain('BSI-Stand-der-Technik-Kernel-G0-catalog.json');
    // the RISK import answered by a catalog without the RISK controls
    const missing = await expectProblem(
      await postText(
        admin,
        `{"document":${readReference(FILES.gsppProfile)},"with":[${readReference(FILES.methodik)},{"href":"BSI-Anforderungen-zum-Risikomanagement-catalog.json","document":${readReference(FILES.nistBasic)}},{"href":"BSI-Stand-der-Technik-Kernel-G0-catalog.json","document":${readReference(FILES.risiko)}}]}`,
      ),
      400,
    );
    expect(missing.detail).toContain('"RISK.1.1"');
    expect(missing.errors?.[0]?.pointer).toBe('/profile/imports/1/include-controls/0/with-ids/0');
    expect(await counts()).toEqual(before);
  });

  it('mapping collections import as cross-references: ITGS→GS++ 1185, ISO→GS++ 365', async () => {
    const itgs = await importOk(readReference(FILES.itgsMapping));
    expect(itgs).toMatchObject({ kind: 'mapping-collection', catalogId: null, crossReferences: 1185 });
    const iso = await importOk(readReference(FILES.isoMapping));
    expect(iso).toMatchObject({ kind: 'mapping-collection', crossReferences: 365 });
    const sample = await t.database.db
      .selectFrom('catalog_cross_references')
      .selectAll()
      .where('collection_key', '=', itgs.key)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(sample).toMatchObject({
      source_catalog: 'itgs-source-catalog.json',
      collection_uuid: expect.any(String),
    });
    const before = await counts();
    await expectProblem(await postText(admin, readReference(FILES.isoMapping)), 409);
    expect(await counts()).toEqual(before);
  });
});

describe('bad input writes nothing', () => {
  it('a schema-invalid control id answers 400 naming the JSON pointer', async () => {
    const doc = smallCatalog() as { catalog: { groups: { controls?: { id: string }[] }[] } };
    doc.catalog.groups[1]!.controls![0]!.id = '1-bad';
    const before = await counts();
    const problem = await expectProblem(await postText(admin, JSON.stringify(doc)), 400);
    expect(problem.errors?.[0]?.pointer).toBe('/catalog/groups/1/controls/0/id');
    expect(problem.detail).toContain('/catalog/groups/1/controls/0/id');
    expect(problem.type).toBe('urn:bastei:problem:validation-failed');
    expect(await counts()).toEqual(before);
  });

  it('duplicate control ids, other documents, bad text and bad envelopes are 400', async () => {
    const before = await counts();
    const dup = smallCatalog() as { catalog: { controls: { id: string; title: string }[] } };
    dup.catalog.controls.push({ id: 'G2.1', title: 'again' });
    const duplicate = await expectProblem(await postText(admin, JSON.stringify(dup)), 400);
    expect(duplicate.errors?.map((e) => e.pointer)).toEqual([
      '/catalog/controls/1',
      '/catalog/groups/1/controls/0',
    ]);

    const nul = smallCatalog() as { catalog: { controls: { title: string }[] } };
    nul.catalog.controls[0]!.title = 'a\u0000b';
    const nulProblem = await expectProblem(await postText(admin, JSON.stringify(nul)), 400);
    expect(nulProblem.errors?.[0]?.pointer).toBe('/catalog/controls/0/title');

    await expectProblem(await postText(admin, '{"system-security-plan":{}}'), 400);
    await expectProblem(await postText(admin, '[1,2]'), 400);
    await expectProblem(await postText(admin, '{"catalog":'), 400);
    const envelope = await expectProblem(
      await postText(admin, JSON.stringify({ document: smallCatalog(), surplus: true })),
      400,
    );
    expect(envelope.errors?.[0]?.pointer).toBe('/body');
    const badKey = await expectProblem(
      await postText(admin, JSON.stringify({ document: smallCatalog(), key: 'Not A Key' })),
      400,
    );
    expect(badKey.errors?.[0]?.pointer).toBe('/body/key');
    const profile = {
      profile: {
        uuid: 'a6b0c3d1-1c2b-4d3e-8f4a-5b6c7d8e9f01',
        metadata: {
          title: 'P',
          'last-modified': '2026-01-01T00:00:00Z',
          version: '1',
          'oscal-version': '1.1.3',
        },
        imports: [{ href: 'small.json', 'include-controls': [{ 'with-ids': ['NOPE.1'] }] }],
      },
    };
    const missing = await expectProblem(
      await postText(
        admin,
        JSON.stringify({ document: profile, with: [{ href: 'small.json', document: smallCatalog() }] }),
      ),
      400,
    );
    expect(missing.detail).toContain('"NOPE.1"');
    const badSource = await expectProblem(
      await postText(
        admin,
        JSON.stringify({ document: profile, with: [{ href: 'small.json', document: { catalog: {} } }] }),
      ),
      400,
    );
    expect(badSource.errors?.[0]?.pointer).toMatch(/^\/with\/0\/document\/catalog/);
    expect(await counts()).toEqual(before);
  });

  it('only admins import (403 for every other role), and nothing is written', async () => {
    const clients = [isb];
    for (const account of ['ministerium', 'pruefer', 'cert', 'bsi']) clients.push(await t.as(account));
    const before = await counts();
    for (const client of clients) {
      await expectProblem(await postText(client, JSON.stringify(smallCatalog())), 403);
    }
    await expectProblem(await postText(t.anonymous(), JSON.stringify(smallCatalog())), 401);
    expect(await counts()).toEqual(before);
  });

  it('accepts bodies above the global limit up to 20 MB, and refuses larger ones with 413', async () => {
    const doc = smallCatalog() as { catalog: { metadata: Record<string, unknown> } };
    doc.catalog.metadata.remarks = 'x'.repeat(2 * 1024 * 1024);
    const big = await importOk(withKey(doc, 'large-remarks'));
    expect(big.controls).toBe(7);
    doc.catalog.metadata.remarks = 'x'.repeat(21 * 1024 * 1024);
    const before = await counts();
    await expectProblem(await postText(admin, withKey(doc, 'too-large')), 413);
    expect(await counts()).toEqual(before);
  });
});

describe.skipIf(!schemaAvailable)('with BASTEI_OSCAL_SCHEMA_DIR set', () => {
  let s: TestApp;
  let sAdmin: TestClient;
  beforeAll(async () => {
    s = await createTestApp({ BASTEI_OSCAL_SCHEMA_DIR: fileURLToPath(SCHEMA_DIR) });
    sAdmin = await s.as('admin');
  });
  afterAll(() => s.close());

  it('validates against the official schema and names the pointer of a violation', async () => {
    const ok = await sAdmin.post('/api/v1/catalogs', JSON.stringify(smallCatalog()));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ validation: 'json-schema', controls: 7 });

    const doc = smallCatalog() as { catalog: { groups: { controls?: Record<string, unknown>[] }[] } };
    doc.catalog.groups[1]!.controls![0]!['x-extra'] = true;
    const before = await tableCounts(s.database.db);
    const response = await sAdmin.post('/api/v1/catalogs', JSON.stringify({ document: doc, key: 'other' }));
    const problem = await expectProblem(response, 400);
    expect(problem.errors?.[0]?.pointer).toBe('/catalog/groups/1/controls/0/x-extra');
    expect(problem.detail).toContain('OSCAL 1.1.3 catalog schema');
    expect(await tableCounts(s.database.db)).toEqual(before);
  });
});
