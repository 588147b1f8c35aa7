/**
 * CSV import through the API: a good file, its idempotent re-import, refused files whose errors
 * name line and column and leave nothing behind, and a fast-check fuzz for crashes and partial
 * writes (parser alone, then through HTTP).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { CsvImportError, parseAssetCsv } from './csv-import.ts';

let t: TestApp;
let isb: TestClient;
let org: string;
beforeAll(async () => {
  t = await createTestApp();
  isb = await t.as('isb.arneburg-goldbeck');
  org = (
    await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', PILOT_ARS.arneburgGoldbeck)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const importCsv = (csv: string, client = isb) =>
  client.post(`/api/v1/organisations/${org}/assets/import`, { csv });
const counts = async () => {
  const n = async (table: 'assets' | 'installed_products' | 'audit_log') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { assets: await n('assets'), products: await n('installed_products'), audit: await n('audit_log') };
};

const GOOD = [
  'kind,name,port,protocol,product,vendor,version,cpe,purl,notes',
  'service,www.arneburg-goldbeck.de,443,tcp,nginx,f5,1.24.0,cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*,,',
  'domain,Arneburg-Goldbeck.de,,,,,,,,Hauptdomain',
  'host,mail.arneburg-goldbeck.de,,,,,,,,',
  'service,mail.arneburg-goldbeck.de,25,TCP,Postfix,,,,,',
  'host,198.51.100.20,,,,,,,,"Fachverfahren, extern"',
  'product,mail.arneburg-goldbeck.de,,,Postfix,postfix,3.7.10,cpe:/a:postfix:postfix:3.7.10,,',
  'product,www.arneburg-goldbeck.de,443,tcp,OpenSSL,openssl,3.0.13,,pkg:generic/openssl@3.0.13,',
  'product,,,,Windows Server,microsoft,2019,cpe:/o:microsoft:windows_server_2019,,',
].join('\n');

describe('CSV import', () => {
  it('imports every kind of row, links hosts to domains and services to hosts', async () => {
    const response = await importCsv(GOOD);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({
      organisationId: org,
      rows: 8,
      created: 8,
      updated: 0,
      unchanged: 0,
      implicitHosts: 1,
    });
    expect(result.lines.map((l: { line: number }) => l.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const items = (await isb.get(`/api/v1/organisations/${org}/assets?limit=500`)).json().items as Record<
      string,
      unknown
    >[];
    const byName = (kind: string, name: string) => items.find((a) => a.kind === kind && a.name === name)!;
    const domain = byName('domain', 'arneburg-goldbeck.de');
    expect(domain.notes).toBe('Hauptdomain');
    expect(byName('host', 'www.arneburg-goldbeck.de').parentId).toBe(domain.id);
    expect(byName('host', 'mail.arneburg-goldbeck.de').parentId).toBe(domain.id);
    expect(byName('host', '198.51.100.20')).toMatchObject({ parentId: null, notes: 'Fachverfahren, extern' });
    const https = items.find((a) => a.kind === 'service' && a.port === 443)!;
    expect(https).toMatchObject({
      product: 'nginx',
      protocol: 'tcp',
      parentId: byName('host', 'www.arneburg-goldbeck.de').id,
    });
    const products = (await isb.get(`/api/v1/organisations/${org}/installed-products?limit=500`)).json()
      .items;
    expect(products).toHaveLength(4);
    expect(products.find((p: { product: string }) => p.product === 'OpenSSL').assetId).toBe(https.id);
    expect(products.find((p: { product: string }) => p.product === 'Windows Server').assetId).toBeNull();
  });

  it('is idempotent: the same file again changes nothing and says so', async () => {
    const before = await counts();
    const result = (await importCsv(GOOD)).json();
    expect(result).toMatchObject({ rows: 8, created: 0, updated: 0, unchanged: 8, implicitHosts: 0 });
    expect(await counts()).toEqual(before);
    const changed = GOOD.replace('Hauptdomain', 'Neue Notiz').replace(
      'cpe:/a:postfix:postfix:3.7.10',
      'cpe:2.3:a:postfix:postfix:3.7.10:*:*:*:*:*:*:*',
    );
    const second = (await importCsv(changed)).json();
    expect(second).toMatchObject({ created: 0, updated: 2, unchanged: 6 });
  });

  it('places an existing host under a domain that a later file brings', async () => {
    expect((await importCsv('kind,name\nhost,www.spaet.example\n')).json()).toMatchObject({ created: 1 });
    const second = (await importCsv('kind,name\ndomain,spaet.example\nhost,www.spaet.example\n')).json();
    expect(second).toMatchObject({ created: 1, updated: 1 });
    const items = (await isb.get(`/api/v1/organisations/${org}/assets?q=spaet.example`)).json().items;
    const domain = items.find((a: { kind: string }) => a.kind === 'domain');
    expect(items.find((a: { kind: string }) => a.kind === 'host').parentId).toBe(domain.id);
  });

  it('reads semicolons, German column names, a BOM and quoted line breaks', async () => {
    const csv =
      '\uFEFFArt;Name;Port;Protokoll;Produkt;Notizen\r\ndienst;portal.arneburg-goldbeck.de;8443;tcp;Tomcat;"zwei\r\nZeilen"\r\n';
    const response = await importCsv(csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: 1, implicitHosts: 1 });
  });

  it('refuses a file with bad rows, naming line and column, and writes nothing', async () => {
    const before = await counts();
    const csv = [
      'kind,name,port,protocol,product,cpe',
      'domain,gut.example,,,,',
      'service,www.gut.example,99999,tcp,,',
      'host,exa mple,,,,',
      'router,x.example,,,,',
      'product,,,,nginx,cpe:nginx',
      'service,www.gut.example,443,icmp,,',
      'host,h.example,,,,',
      'host,H.example.,,,,',
      'product,unbekannt.example,,,nginx,',
      'domain,toolong,too,many,fields,here,x',
    ].join('\n');
    const response = await importCsv(csv);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problems = response.json().csvErrors as { line: number; column: string | null; message: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, column: 'port' }),
        expect.objectContaining({ line: 4, column: 'name' }),
        expect.objectContaining({ line: 5, column: 'kind' }),
        expect.objectContaining({ line: 6, column: 'cpe' }),
        expect.objectContaining({ line: 7, column: 'protocol' }),
        expect.objectContaining({ line: 9, column: 'name', message: expect.stringContaining('Zeile 8') }),
        expect.objectContaining({ line: 11, column: null, message: expect.stringContaining('7 Felder') }),
      ]),
    );
    expect(response.json().errors[0].message).toMatch(/^Zeile 3, Spalte „port“: /);
    expect(await counts()).toEqual(before);

    // A product on an asset that neither exists nor is in the file: refused after reading the inventory.
    const orphan = await importCsv(
      'kind,name,product\ndomain,neu.example,\nproduct,nirgends.example,nginx\n',
    );
    expect(orphan.json().csvErrors).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'name',
        message: expect.stringContaining('weder im Bestand noch in der Datei'),
      }),
    ]);
    expect(await counts()).toEqual(before);

    for (const [csv, message] of [
      ['', /.+/],
      ['kind,name', /keine Zeilen/],
      ['kind,hostname\nhost,a.example', /Unbekannte Spalte/],
      ['name\na.example', /Spalte „kind“: Diese Spalte fehlt/],
      ['kind,name\nhost,"a.example', /Anführungszeichen/],
    ] as const) {
      const refused = await importCsv(csv);
      expect(refused.statusCode, csv).toBe(400);
      expect(refused.body).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('lets only editors import; outsiders learn nothing about the file', async () => {
    expect((await importCsv('kind,name\ndomain,x.example', await t.as('pruefer'))).statusCode).toBe(403);
    const outsider = await importCsv('kaputt', await t.as('isb.halberstadt'));
    expect(outsider.statusCode).toBe(404);
    expect(
      (await importCsv('kind,name\ndomain,ministerium.example', await t.as('ministerium'))).statusCode,
    ).toBe(200);
  });
});

describe('CSV import fuzz', () => {
  const cell = fc.oneof(
    fc.constantFrom(
      '',
      'domain',
      'host',
      'service',
      'product',
      'www.fuzz.example',
      'fuzz.example',
      '198.51.100.1',
      '443',
      'tcp',
      'udp',
      'nginx',
      'cpe:/a:x:y:1',
      'pkg:npm/x@1',
      '"',
      ';',
      '\n',
      '"a,b"',
    ),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 70_000 }).map(String),
  );
  const row = fc.array(cell, { minLength: 1, maxLength: 11 }).map((cells) => cells.join(','));
  const file = fc
    .tuple(
      fc.constantFrom(
        'kind,name,port,protocol,product,vendor,version,cpe,purl,notes',
        'kind,name',
        'kind;name;port;protocol',
        'name,kind,product,cpe',
      ),
      fc.array(row, { maxLength: 12 }),
    )
    .map(([header, rows]) => [header, ...rows].join('\n'));

  it('the parser returns rows or a CsvImportError, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(file, fc.string({ maxLength: 300 })), (text) => {
        try {
          const rows = parseAssetCsv(text);
          expect(rows.length).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof CsvImportError)) throw error;
          expect(error.problems.length).toBeGreaterThan(0);
          for (const p of error.problems) expect(p.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('through the API: 200 with exact counts or 400 with nothing written, never 500', {
    timeout: 120_000,
  }, async () => {
    // Imports are rate-limited per user: the runs take turns among three editors.
    const editors = [isb, await t.as('admin'), await t.as('ministerium')];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(file, async (csv) => {
        const before = await counts();
        const response = await importCsv(csv, editors[run++ % editors.length]);
        expect([200, 400], response.body).toContain(response.statusCode);
        const after = await counts();
        if (response.statusCode === 400) {
          expect(after).toEqual(before);
          return;
        }
        const result = response.json();
        expect(result.created + result.updated + result.unchanged).toBe(result.rows);
        // Each created row adds one row, a service row with product details at most two.
        const added = after.assets + after.products - before.assets - before.products;
        expect(added).toBeGreaterThanOrEqual(result.created + result.implicitHosts);
        expect(added).toBeLessThanOrEqual(2 * result.created + result.implicitHosts);
        if (result.created + result.updated === 0) expect(after).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});
