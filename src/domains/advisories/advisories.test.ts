import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { verifyWebhookSignature } from '../../platform/notifications/notifications.ts';
import { eventually, startHttpReceiver, startSmtpServer } from '../../platform/notifications/test-support.ts';
import { uploadBytes } from '../assessments/test-support.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { loadCsafValidator, validateCsaf } from './csaf/validate.ts';
import { rematchOrganisation } from './service.ts';
import {
  hasReference,
  INVALID_TESTCASES,
  installProducts,
  readReference,
  VALID_ADVISORIES,
} from './test-support.ts';

const SECRET = 'test-webhook-secret-0123456789';
let t: TestApp;
let cert: TestClient;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;

const count = async (table: 'advisories' | 'advisory_matches' | 'audit_log') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const upload = (client: TestClient, bytes: Buffer, query = '') =>
  uploadBytes(t, client, `/api/v1/advisories${query}`, bytes, { 'content-type': 'application/json' });

beforeAll(async () => {
  await loadCsafValidator();
  smtp = await startSmtpServer();
  hook = await startHttpReceiver([500]); // the first delivery fails once: retried
  t = await createTestApp({
    BASTEI_SMTP_URL: smtp.url,
    BASTEI_WEBHOOK_URL: hook.url,
    BASTEI_WEBHOOK_SECRET: SECRET,
    BASTEI_WEBHOOK_ALLOW_PRIVATE: 'true',
    BASTEI_NOTIFY_RETRY_MS: '20',
  });
  const db = t.database.db;
  await installProducts(db, PILOT_ARS.halberstadt, [
    { vendor: 'Apache', product: 'HTTP Server', cpe: 'cpe:/a:apache:http_server:2.4.41' },
    { product: 'ImageMagick', version: '7.1.1-12' },
  ]);
  await installProducts(db, PILOT_ARS.salzlandkreis, [
    { vendor: 'Debian', product: 'Debian GNU/Linux', cpe: 'cpe:2.3:o:debian:debian_linux:12:*:*:*:*:*:*:*' },
  ]);
  await installProducts(db, PILOT_ARS.arneburgGoldbeck, [{ product: 'Adminer', version: '4.8.1' }]);
  cert = await t.as('cert');
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
  await hook?.close();
});

describe.runIf(hasReference(...VALID_ADVISORIES, ...INVALID_TESTCASES))('advisories API', () => {
  it('imports every valid reference document, byte-exact with its sha512, and again idempotently', async () => {
    for (const file of VALID_ADVISORIES) {
      const bytes = readReference(file);
      const response = await upload(cert, bytes);
      expect([200, 201], `${file}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
      const body = response.json();
      expect(body.advisory.size).toBe(bytes.length);
      const document = await cert.get(`/api/v1/advisories/${body.advisory.id}/document`);
      expect(document.statusCode).toBe(200);
      expect(Buffer.compare(document.rawPayload, bytes), file).toBe(0);
      expect(document.headers['content-disposition']).toContain('attachment');
    }
    const before = await count('advisories');
    const again = await upload(cert, readReference('bsi-wid/wid-sec-w-2024-3319.json'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, current: true });
    expect(await count('advisories')).toBe(before);
  });

  it('keeps every revision; the highest is current, an older one arriving later is not', async () => {
    const list = await cert.get(
      `/api/v1/advisories?documentKey=${encodeURIComponent('https://www.example.com#Avendor-advisory-0004')}`,
    );
    const items = list.json().items as { version: string; trackingStatus: string; isCurrent: boolean }[];
    expect(items).toHaveLength(4);
    expect(items.filter((i) => i.isCurrent)).toEqual([
      expect.objectContaining({ version: '3', trackingStatus: 'final' }),
    ]);
    // the WID document: current, with its stored matches (Halberstadt httpd 2.4.41 < 2.4.44)
    const wid = (await cert.get('/api/v1/advisories?q=WID-SEC-W-2024-3319')).json().items[0];
    const detail = (await cert.get(`/api/v1/advisories/${wid.id}`)).json();
    expect(detail.tlp).toEqual({ label: 'CLEAR', source: 'document', csafLabel: 'WHITE' });
    const matches = (await cert.get(`/api/v1/advisory-matches?advisoryId=${wid.id}`)).json().items;
    expect(
      matches.map((m: { organisationName: string; class: string; basis: string }) => [
        m.organisationName,
        m.class,
        m.basis,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [expect.stringContaining('Halberstadt'), 'confirmed', 'cpe'],
        ['Salzlandkreis', 'probable', 'cpe'],
      ]),
    );
  });

  it('a new revision supersedes the earlier one and replaces its matches', async () => {
    const doc = JSON.parse(readReference('bsi-wid/wid-sec-w-2024-3319.json').toString('utf8'));
    const tracking = doc.document.tracking;
    tracking.version = '18';
    tracking.current_release_date = '2025-01-02T10:00:00.000+00:00';
    tracking.revision_history.push({
      number: '18',
      date: tracking.current_release_date,
      summary: 'Neue Version',
    });
    const response = await upload(cert, Buffer.from(JSON.stringify(doc)));
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result).toMatchObject({ created: true, current: true });
    expect(result.supersededId).toBeTruthy();
    const old = (await cert.get(`/api/v1/advisory-matches?advisoryId=${result.supersededId}`)).json();
    expect(old.total).toBe(0);
    const fresh = (await cert.get(`/api/v1/advisory-matches?advisoryId=${result.advisory.id}`)).json();
    expect(fresh.total).toBe(result.matches.confirmed + result.matches.probable + result.matches.review);
    expect(result.matches.confirmed).toBeGreaterThan(0);
  });

  it('refuses invalid documents with German errors naming the JSON path, and stores nothing', async () => {
    const before = { advisories: await count('advisories'), audit: await count('audit_log') };
    const invalid = await upload(cert, readReference(INVALID_TESTCASES[0]));
    expect(invalid.statusCode).toBe(400);
    const problem = invalid.json();
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(problem.detail).toMatch(/CSAF-Dokument/);
    expect(problem.errors[0].pointer).toMatch(/^\/body\//);
    const notJson = await upload(cert, Buffer.from('{"document": '));
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().detail).toContain('kein gültiges JSON');
    const text = await uploadBytes(t, cert, '/api/v1/advisories', Buffer.from('x'), {
      'content-type': 'text/csv',
    });
    expect(text.statusCode).toBe(415);
    expect(await count('advisories')).toBe(before.advisories);
    expect(await count('audit_log')).toBe(before.audit);
  });

  it('only a CERT (or admin naming one) imports; a Kommune gets 403', async () => {
    const isb = await t.as('isb.halberstadt');
    const response = await upload(isb, readReference('oasis/examples/bsi-2022-0001.json'));
    expect(response.statusCode).toBe(403);
    const admin = await t.as('admin');
    const noCert = await upload(admin, readReference('oasis/examples/bsi-2022-0001.json'));
    expect(noCert.statusCode).toBe(400);
  });

  it('alias table: a curated spelling turns a name-only review match into a confirmed one', async () => {
    const cisa = (await cert.get('/api/v1/advisories?q=VA-24-201-01')).json().items[0];
    const before = (await cert.get(`/api/v1/advisory-matches?advisoryId=${cisa.id}`)).json().items;
    expect(before.map((m: { class: string; basis: string }) => [m.class, m.basis])).toEqual([
      ['review', 'name'],
    ]);
    const created = await cert.post('/api/v1/advisory-aliases', {
      key: 'adminer',
      label: 'Adminer',
      cpes: ['adminer:adminer'],
      names: ['Adminer'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().rematchedAdvisories).toBeGreaterThan(0);
    const after = (await cert.get(`/api/v1/advisory-matches?advisoryId=${cisa.id}`)).json().items;
    expect(after.map((m: { class: string; basis: string }) => [m.class, m.basis])).toEqual([
      ['confirmed', 'alias'],
    ]);
    const conflicting = await cert.post('/api/v1/advisory-aliases', { key: 'other', names: ['Adminer'] });
    expect(conflicting.statusCode).toBe(400);
    expect(conflicting.json().detail).toContain('widersprüchlich');
    const removed = await cert.delete(`/api/v1/advisory-aliases/${created.json().id}`);
    expect(removed.statusCode).toBe(204);
    const reverted = (await cert.get(`/api/v1/advisory-matches?advisoryId=${cisa.id}`)).json().items;
    expect(reverted[0].class).toBe('review');
  });

  it('review queue: the CERT dismisses or confirms review matches; decisions survive re-matching', async () => {
    const queue = (await cert.get('/api/v1/advisory-matches?queue=review')).json();
    expect(queue.total).toBeGreaterThan(0);
    const imageMagick = queue.items.find(
      (m: { installedProduct: { product: string } }) => m.installedProduct.product === 'ImageMagick',
    );
    const reviewed = await cert.post(`/api/v1/advisory-matches/${imageMagick.id}/review`, {
      decision: 'confirmed',
      note: 'Version geprüft',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().review).toMatchObject({ decision: 'confirmed', note: 'Version geprüft' });
    const confirmedMatch = (await cert.get('/api/v1/advisory-matches?class=confirmed')).json().items[0];
    const wrongClass = await cert.post(`/api/v1/advisory-matches/${confirmedMatch.id}/review`, {
      decision: 'dismissed',
    });
    expect(wrongClass.statusCode).toBe(409);
    const isb = await t.as('isb.halberstadt');
    expect(
      (await isb.post(`/api/v1/advisory-matches/${imageMagick.id}/review`, { decision: 'dismissed' }))
        .statusCode,
    ).toBe(404);
    // re-matching Halberstadt keeps the decision
    const halberstadt = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', PILOT_ARS.halberstadt)
      .executeTakeFirstOrThrow();
    await t.database.db
      .transaction()
      .execute((trx) => rematchOrganisation(trx, systemContext(t.database.db, 'test'), halberstadt.id));
    const after = (await cert.get(`/api/v1/advisory-matches?advisoryId=${imageMagick.advisoryId}`)).json()
      .items;
    expect(
      after.find(
        (m: { installedProduct: { product: string } }) => m.installedProduct.product === 'ImageMagick',
      ).review,
    ).toMatchObject({ decision: 'confirmed' });
    expect(after.map((m: { id: string }) => m.id)).toContain(imageMagick.id); // ids stay stable
  });

  it('rematchOrganisation picks up a product added after the import', async () => {
    const [id] = await installProducts(t.database.db, PILOT_ARS.arneburgGoldbeck, [
      {
        vendor: 'CSAF Tools',
        product: 'CVRF-CSAF-Converter',
        cpe: 'cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-rc1',
      },
    ]);
    const organisation = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', PILOT_ARS.arneburgGoldbeck)
      .executeTakeFirstOrThrow();
    const result = await t.database.db
      .transaction()
      .execute((trx) => rematchOrganisation(trx, systemContext(t.database.db, 'test'), organisation.id));
    expect(result.matches.confirmed).toBeGreaterThan(0);
    const matches = (await cert.get(`/api/v1/advisory-matches?organisationId=${organisation.id}`)).json()
      .items;
    expect(
      matches.some(
        (m: { installedProductId: string; class: string }) =>
          m.installedProductId === id && m.class === 'confirmed',
      ),
    ).toBe(true);
  });

  it('a product added through the inventory API is matched at once', async () => {
    const organisation = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', PILOT_ARS.salzlandkreis)
      .executeTakeFirstOrThrow();
    const isb = await t.as('isb.salzlandkreis');
    const created = await isb.post(`/api/v1/organisations/${organisation.id}/installed-products`, {
      vendor: 'CSAF Tools',
      product: 'CVRF-CSAF-Converter',
      cpe: 'cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-rc1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const matches = (await cert.get(`/api/v1/advisory-matches?organisationId=${organisation.id}`)).json()
      .items;
    expect(
      matches.some(
        (m: { installedProductId: string; class: string }) =>
          m.installedProductId === created.json().id && m.class === 'confirmed',
      ),
    ).toBe(true);
    const removed = await isb.delete(`/api/v1/installed-products/${created.json().id}`);
    expect(removed.statusCode).toBeLessThan(300);
    const after = (await cert.get(`/api/v1/advisory-matches?organisationId=${organisation.id}`)).json().items;
    expect(
      after.some((m: { installedProductId: string }) => m.installedProductId === created.json().id),
    ).toBe(false);
  });

  it('warning: published to the matched Kommunen, acknowledged, answered, exported as VEX, logged and notified', async () => {
    const wid = (await cert.get('/api/v1/advisories?q=WID-SEC-W-2024-3319&current=true')).json().items[0];
    const published = await cert.post(`/api/v1/advisories/${wid.id}/warnings`, {
      audience: { kind: 'matched' },
      message: 'Bitte Apache aktualisieren.',
    });
    expect(published.statusCode, published.body).toBe(201);
    const warning = published.json();
    expect(warning.recipients.map((r: { organisationName: string }) => r.organisationName).sort()).toEqual([
      expect.stringContaining('Halberstadt'),
      'Salzlandkreis',
    ]);
    expect(warning.progress).toMatchObject({ recipients: 2, acknowledged: 0 });

    const isb = await t.as('isb.halberstadt');
    const own = (await isb.get('/api/v1/warnings')).json();
    expect(own.items.map((w: { id: string }) => w.id)).toContain(warning.id);
    const mine = own.items.find((w: { id: string }) => w.id === warning.id);
    expect(mine.recipients).toHaveLength(1);
    expect(mine.progress).toBeNull();
    const detail = (await isb.get(`/api/v1/warnings/${warning.id}`)).json();
    expect(
      detail.matches.every(
        (m: { organisationId: string }) => m.organisationId === mine.recipients[0].organisationId,
      ),
    ).toBe(true);
    expect(detail.matches.length).toBeGreaterThan(0);
    // the advisory itself is now readable for the addressed Kommune, without matches
    const advisory = (await isb.get(`/api/v1/advisories/${wid.id}`)).json();
    expect(advisory.matchSummary).toBeNull();

    expect(
      (await isb.post(`/api/v1/warnings/${warning.id}/acknowledge`, {})).json().acknowledgedAt,
    ).toBeTruthy();
    const noVex = await isb.get(`/api/v1/warnings/${warning.id}/vex`);
    expect(noVex.statusCode).toBe(409);
    for (const status of ['affected', 'not_affected', 'mitigated'] as const) {
      const answered = await isb.post(`/api/v1/warnings/${warning.id}/response`, {
        status,
        note: `Stand: ${status}`,
      });
      expect(answered.statusCode, answered.body).toBe(200);
      const vex = await isb.get(`/api/v1/warnings/${warning.id}/vex`);
      expect(vex.statusCode, vex.body).toBe(200);
      const document = vex.json();
      expect((await validateCsaf(document)).valid).toBe(true);
      expect(document.document.category).toBe('csaf_vex');
      const key = { affected: 'known_affected', not_affected: 'known_not_affected', mitigated: 'fixed' }[
        status
      ];
      expect(Object.keys(document.vulnerabilities[0].product_status)).toEqual([key]);
    }
    const salzland = await t.as('isb.salzlandkreis');
    expect((await salzland.get(`/api/v1/warnings/${warning.id}/vex`)).statusCode).toBe(409); // no statement yet
    const outsider = await t.as('isb.arneburg-goldbeck');
    expect((await outsider.get(`/api/v1/warnings/${warning.id}/vex`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/warnings/${warning.id}`)).statusCode).toBe(404);
    // the CERT cannot answer for a Kommune
    expect((await cert.post(`/api/v1/warnings/${warning.id}/acknowledge`, {})).statusCode).toBe(403);

    const progress = (await cert.get(`/api/v1/warnings/${warning.id}`)).json().progress;
    expect(progress).toMatchObject({ recipients: 2, acknowledged: 1, responded: 1, mitigated: 1 });

    // notifications: the ISB of each addressed Kommune by mail, the webhook signed (after one retry)
    const mails = await eventually(() => (smtp.received.length >= 2 ? smtp.received : false));
    expect(mails.flatMap((m) => m.to).sort()).toEqual([
      'isb.halberstadt@demo.bastei.local',
      'isb.salzlandkreis@demo.bastei.local',
    ]);
    expect(mails[0]?.raw).toContain('TLP:CLEAR');
    const calls = await eventually(() => (hook.received.length >= 2 ? hook.received : false));
    const last = calls.at(-1)!;
    expect(verifyWebhookSignature(SECRET, last.body, last.headers['x-bastei-signature'] as string)).toBe(
      true,
    );
    expect(
      verifyWebhookSignature(
        'wrong-secret-0123456789',
        last.body,
        last.headers['x-bastei-signature'] as string,
      ),
    ).toBe(false);
    expect(JSON.parse(last.body)).toMatchObject({
      event: 'warning.published',
      warningId: warning.id,
      tlp: 'CLEAR',
    });

    let distribution = await cert.get(`/api/v1/warnings/${warning.id}/distribution`);
    for (
      let i = 0;
      i < 200 &&
      distribution.json().items.filter((e: { event: string }) => e.event !== 'published').length < 3;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      distribution = await cert.get(`/api/v1/warnings/${warning.id}/distribution`);
    }
    expect(distribution.statusCode).toBe(200);
    const entries = distribution.json().items as { channel: string; event: string; tlp: string }[];
    expect(entries.filter((e) => e.channel === 'platform' && e.event === 'published')).toHaveLength(2);
    expect(entries.every((e) => e.tlp === 'CLEAR')).toBe(true);
    expect(entries.filter((e) => e.channel === 'email' && e.event === 'delivered')).toHaveLength(2);
    expect(entries.filter((e) => e.channel === 'webhook' && e.event === 'delivered')).toHaveLength(1);
    expect((await isb.get(`/api/v1/warnings/${warning.id}/distribution`)).statusCode).toBe(403);
    // append-only
    await expect(
      t.database.db.deleteFrom('warning_distribution_log').where('warning_id', '=', warning.id).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
