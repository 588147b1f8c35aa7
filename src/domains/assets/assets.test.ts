/**
 * Inventory API: assets and installed products through HTTP, with normalised names, filters,
 * pagination, the roles' rights (edit: ISB, ministry, admin; read: member, auditor, state CERT)
 * and clear German errors that leave nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { addMembership, createUser } from '../users/service.ts';

let t: TestApp;
let isb: TestClient;
let halberstadt: string;
let salzland: string;
beforeAll(async () => {
  t = await createTestApp();
  isb = await t.as('isb.halberstadt');
  const byArs = async (ars: string) =>
    (
      await t.database.db
        .selectFrom('organisations')
        .select('id')
        .where('ars', '=', ars)
        .executeTakeFirstOrThrow()
    ).id;
  halberstadt = await byArs(PILOT_ARS.halberstadt);
  salzland = await byArs(PILOT_ARS.salzlandkreis);
  const member = await createUser(
    systemContext(t.database.db, 'test'),
    {
      email: 'member.halberstadt@test.bastei.local',
      displayName: 'Mitglied',
      password: TEST_PASSWORD,
      locale: 'de',
    },
    { argon2MemoryKiB: 1024 },
  );
  await addMembership(systemContext(t.database.db, 'test'), member.id, {
    organisationId: halberstadt,
    role: 'member',
  });
});
afterAll(() => t.close());

const assets = (org = halberstadt) => `/api/v1/organisations/${org}/assets`;
const products = (org = halberstadt) => `/api/v1/organisations/${org}/installed-products`;
const count = async (table: 'assets' | 'installed_products') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('assets', () => {
  it('records domains, hosts and services with canonical names and links them', async () => {
    const domain = await isb.post(assets(), { kind: 'domain', name: 'Halberstadt.DE.' });
    expect(domain.statusCode, domain.body).toBe(201);
    expect(domain.json()).toMatchObject({
      kind: 'domain',
      name: 'halberstadt.de',
      organisationId: halberstadt,
      parentId: null,
    });

    const host = await isb.post(assets(), { kind: 'host', name: 'WWW.halberstadt.de' });
    expect(host.json()).toMatchObject({
      kind: 'host',
      name: 'www.halberstadt.de',
      parentId: domain.json().id,
    });

    // The service's host is found by name; an unknown host is created under its domain.
    const https = await isb.post(assets(), {
      kind: 'service',
      name: 'www.halberstadt.de',
      port: 443,
      protocol: 'tcp',
      product: 'nginx 1.24.0',
    });
    expect(https.json()).toMatchObject({
      name: 'www.halberstadt.de',
      port: 443,
      protocol: 'tcp',
      product: 'nginx 1.24.0',
      parentId: host.json().id,
    });
    const mail = await isb.post(assets(), {
      kind: 'service',
      name: 'mail.halberstadt.de',
      port: 25,
      protocol: 'tcp',
    });
    expect(mail.statusCode).toBe(201);
    const mailHost = await isb.get(`/api/v1/assets/${mail.json().parentId}`);
    expect(mailHost.json()).toMatchObject({
      kind: 'host',
      name: 'mail.halberstadt.de',
      parentId: domain.json().id,
    });

    const ip6 = await isb.post(assets(), { kind: 'host', name: '2001:DB8:0:0::10' });
    expect(ip6.json()).toMatchObject({ name: '2001:db8::10', parentId: null });
    const idn = await isb.post(assets(), { kind: 'host', name: 'bürgerbüro.halberstadt.de' });
    expect(idn.json().name).toBe('xn--brgerbro-65af.halberstadt.de');

    const duplicate = await isb.post(assets(), { kind: 'host', name: 'www.HALBERSTADT.de' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().detail).toContain('bereits im Bestand');
  });

  it('lists with filters and pagination', async () => {
    const all = (await isb.get(`${assets()}?limit=500`)).json();
    expect(all.total).toBeGreaterThanOrEqual(6);
    const services = (await isb.get(`${assets()}?kind=service`)).json();
    expect(services.items.every((a: { kind: string }) => a.kind === 'service')).toBe(true);
    expect((await isb.get(`${assets()}?port=443&protocol=tcp`)).json().items).toHaveLength(1);
    expect((await isb.get(`${assets()}?q=WWW`)).json().items.map((a: { name: string }) => a.name)).toContain(
      'www.halberstadt.de',
    );
    const page1 = (await isb.get(`${assets()}?limit=2&offset=0`)).json();
    const page2 = (await isb.get(`${assets()}?limit=2&offset=2`)).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(all.total);
    expect(page2.items[0].id).not.toBe(page1.items[1].id);
    expect((await isb.get(`${assets()}?kind=printer`)).statusCode).toBe(400);
  });

  it('edits and deletes; a domain’s hosts survive its deletion', async () => {
    const domain = await isb.post(assets(), { kind: 'domain', name: 'wegwerf-halberstadt.de' });
    const host = await isb.post(assets(), { kind: 'host', name: 'www.wegwerf-halberstadt.de' });
    const service = await isb.post(assets(), {
      kind: 'service',
      name: 'www.wegwerf-halberstadt.de',
      port: 80,
      protocol: 'tcp',
    });
    const patched = await isb.request('PATCH', `/api/v1/assets/${service.json().id}`, {
      port: 8080,
      product: 'Apache httpd',
    });
    expect(patched.json()).toMatchObject({ port: 8080, product: 'Apache httpd' });
    const renamed = await isb.request('PATCH', `/api/v1/assets/${host.json().id}`, {
      name: 'portal.wegwerf-halberstadt.de',
    });
    expect(renamed.json().name).toBe('portal.wegwerf-halberstadt.de');
    expect((await isb.get(`/api/v1/assets/${service.json().id}`)).json().name).toBe(
      'portal.wegwerf-halberstadt.de',
    );
    const outside = await isb.request('PATCH', `/api/v1/assets/${host.json().id}`, {
      name: 'www.anderswo.de',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ pointer: '/body/parentId' });

    const deleted = await isb.delete(`/api/v1/assets/${domain.json().id}`);
    expect(deleted.json()).toMatchObject({ deletedAssets: 1 });
    expect((await isb.get(`/api/v1/assets/${host.json().id}`)).json().parentId).toBeNull();
    const gone = await isb.delete(`/api/v1/assets/${host.json().id}`);
    expect(gone.json()).toMatchObject({ deletedAssets: 2, deletedInstalledProducts: 0 });
    expect((await isb.get(`/api/v1/assets/${service.json().id}`)).statusCode).toBe(404);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', host.json().id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['asset.create', 'asset.update', 'asset.delete']);
  });

  it('refuses bad input in German, naming the field, and writes nothing', async () => {
    const before = await count('assets');
    const cases: [unknown, string, RegExp][] = [
      [{ kind: 'domain', name: 'halberstadt' }, '/body/name', /mindestens zwei Namensteile/],
      [{ kind: 'domain', name: '192.0.2.1' }, '/body/name', /kein gültiger DNS-Name/],
      [{ kind: 'host', name: 'https://www.halberstadt.de/' }, '/body/name', /ohne Schema/],
      [{ kind: 'host', name: 'a..b.de' }, '/body/name', /kein gültiger DNS-Name/],
      [{ kind: 'host', name: 'www.halberstadt.de', port: 80 }, '/body/port', /Dienst/],
      [{ kind: 'service', name: 'www.halberstadt.de', protocol: 'tcp' }, '/body/port', /Port/],
      [{ kind: 'service', name: 'neu.halberstadt.de', port: 53, protocol: 'sctp' }, '/body/protocol', /.+/],
      [{ kind: 'domain', name: 'x.de', organisationId: salzland }, '/body', /.+/],
    ];
    for (const [body, pointer, message] of cases) {
      const response = await isb.post(assets(), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const error = response.json().errors.find((e: { pointer: string }) => e.pointer.startsWith(pointer));
      expect(error, `${JSON.stringify(body)} → ${response.body}`).toBeDefined();
      expect(error.message).toMatch(message);
    }
    expect(await count('assets')).toBe(before);
  });

  it('lets members, the assigned auditor and the state CERT read but not edit; others see nothing', async () => {
    const member = await t.as('member.halberstadt@test.bastei.local');
    for (const reader of [member, await t.as('pruefer'), await t.as('cert'), await t.as('ministerium')]) {
      const list = await reader.get(assets());
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.length).toBeGreaterThan(0);
    }
    for (const reader of [member, await t.as('pruefer'), await t.as('cert')]) {
      expect((await reader.post(assets(), { kind: 'domain', name: 'fremd.de' })).statusCode).toBe(403);
    }
    const ministry = await t.as('ministerium');
    expect(
      (await ministry.post(assets(), { kind: 'domain', name: 'ministerium-erfasst.de' })).statusCode,
    ).toBe(201);
    for (const outsider of [await t.as('isb.salzlandkreis'), await t.as('bsi')]) {
      expect((await outsider.get(assets())).statusCode).toBe(404);
    }
    const own = (await isb.get(assets())).json().items[0];
    expect((await (await t.as('isb.salzlandkreis')).get(`/api/v1/assets/${own.id}`)).statusCode).toBe(404);
  });
});

describe('installed products', () => {
  it('records vendor, product, version, CPE and PURL, validated by the advisory parsers', async () => {
    const host = (await isb.get(`${assets()}?kind=host&q=www.halberstadt.de`)).json().items[0];
    const created = await isb.post(products(), {
      assetId: host.id,
      vendor: 'F5',
      product: 'nginx',
      version: '1.24.0',
      cpe: 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      assetId: host.id,
      vendor: 'F5',
      cpe: 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*',
    });
    const purl = await isb.post(products(), {
      product: 'log4j-core',
      version: '2.17.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
    });
    expect(purl.statusCode).toBe(201);
    const cpe22 = await isb.post(products(), {
      vendor: 'microsoft',
      product: 'Exchange Server',
      version: '2019',
      cpe: 'cpe:/a:microsoft:exchange_server:2019',
    });
    expect(cpe22.statusCode).toBe(201);

    const before = await count('installed_products');
    const badCpe = await isb.post(products(), { product: 'x', cpe: 'cpe:nginx' });
    expect(badCpe.statusCode).toBe(400);
    expect(badCpe.json().errors[0]).toMatchObject({
      pointer: '/body/cpe',
      message: expect.stringContaining('CPE'),
    });
    const badPurl = await isb.post(products(), { product: 'x', purl: 'maven/log4j' });
    expect(badPurl.json().errors[0]).toMatchObject({
      pointer: '/body/purl',
      message: expect.stringContaining('Package-URL'),
    });
    const domain = (await isb.get(`${assets()}?kind=domain`)).json().items[0];
    expect((await isb.post(products(), { product: 'x', assetId: domain.id })).json().errors[0].pointer).toBe(
      '/body/assetId',
    );
    const foreign = await (await t.as('isb.salzlandkreis')).post(assets(salzland), {
      kind: 'host',
      name: 'www.salzlandkreis.de',
    });
    expect((await isb.post(products(), { product: 'x', assetId: foreign.json().id })).statusCode).toBe(400);
    expect(
      (await isb.post(products(), { vendor: 'F5', product: 'nginx', version: '1.24.0', assetId: host.id }))
        .statusCode,
    ).toBe(409);
    expect(await count('installed_products')).toBe(before);

    const list = (await isb.get(`${products()}?assetId=${host.id}`)).json();
    expect(list.items.map((p: { product: string }) => p.product)).toEqual(['nginx']);
    expect((await isb.get(`${products()}?q=LOG4J`)).json().total).toBe(1);

    const patched = await isb.request('PATCH', `/api/v1/installed-products/${created.json().id}`, {
      version: '1.25.3',
      cpe: 'cpe:2.3:a:f5:nginx:1.25.3:*:*:*:*:*:*:*',
    });
    expect(patched.json()).toMatchObject({ version: '1.25.3' });
    const cert = await t.as('cert');
    expect((await cert.get(`/api/v1/installed-products/${created.json().id}`)).statusCode).toBe(200);
    expect((await cert.delete(`/api/v1/installed-products/${created.json().id}`)).statusCode).toBe(403);
    expect((await isb.delete(`/api/v1/installed-products/${created.json().id}`)).statusCode).toBe(204);
    expect((await isb.get(`/api/v1/installed-products/${created.json().id}`)).statusCode).toBe(404);
  });
});
