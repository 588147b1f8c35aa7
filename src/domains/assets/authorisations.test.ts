/**
 * Scan authorisations through the API and the exported guard: grant (who is recorded), scope
 * (subdomains yes, IPs only explicitly, CIDR ≤ 256 addresses, ports), expiry, revocation with
 * history; and DNS TXT verification against a dns2 server on 127.0.0.1 (nothing else is asked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { assertScanAuthorised, findAuthorisation } from './authorisations.ts';
import { recheckDomainVerifications } from './dns-verification.ts';
import { startTxtServer, type TxtServer } from './test-support.ts';

let t: TestApp;
let dns: TxtServer;
let isb: TestClient;
let halberstadt: string;
let arneburg: string;
beforeAll(async () => {
  dns = await startTxtServer();
  t = await createTestApp({ BASTEI_DNS_RESOLVER: dns.address });
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
  arneburg = await byArs(PILOT_ARS.arneburgGoldbeck);
});
afterAll(async () => {
  await t.close();
  await dns.close();
});

const url = (org = halberstadt) => `/api/v1/organisations/${org}/scan-authorisations`;
const DAY = 86_400_000;
const find = (host: string, port?: number, now?: Date) =>
  findAuthorisation(t.database.db, halberstadt, port === undefined ? { host } : { host, port }, now);

describe('declared authorisations', () => {
  it('records who granted it and covers the domain with its subdomains, not IP addresses', async () => {
    const granted = await isb.post(url(), {
      kind: 'domain',
      target: 'Halberstadt.DE',
      note: 'Erklärung Az. 12-3',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const body = granted.json();
    expect(body).toMatchObject({
      method: 'declaration',
      kind: 'domain',
      target: 'halberstadt.de',
      ports: null,
      grantedBy: 'isb.halberstadt@demo.bastei.local',
      grantedByRole: 'isb',
      status: 'active',
      note: 'Erklärung Az. 12-3',
    });
    const year = new Date(body.grantedAt);
    year.setUTCFullYear(year.getUTCFullYear() + 1);
    expect(body.expiresAt).toBe(year.toISOString());

    expect((await find('halberstadt.de'))?.id).toBe(body.id);
    expect((await find('WWW.Halberstadt.de.', 443))?.id).toBe(body.id);
    expect(await find('halberstadt.de.example')).toBeNull();
    expect(await find('nothalberstadt.de')).toBeNull();
    expect(await find('192.0.2.10')).toBeNull();
    // Another Kommune's authorisation never counts for this one.
    expect(await findAuthorisation(t.database.db, arneburg, { host: 'www.halberstadt.de' })).toBeNull();

    const ministry = await (await t.as('ministerium')).post(url(), {
      kind: 'host',
      target: 'portal.example.org',
    });
    expect(ministry.json()).toMatchObject({
      grantedByRole: 'programme_manager',
      kind: 'host',
      target: 'portal.example.org',
    });
    expect(await find('sub.portal.example.org')).toBeNull();
    expect((await find('portal.example.org'))?.target).toBe('portal.example.org');
  });

  it('takes IP addresses and CIDR ranges of at most 256 addresses, optionally port-limited', async () => {
    const ip = await isb.post(url(), { kind: 'ip', target: '2001:DB8::0:5', ports: [443, 80, 443] });
    expect(ip.json()).toMatchObject({ kind: 'ip', target: '2001:db8::5', ports: [80, 443] });
    expect((await find('2001:db8:0::5', 443))?.id).toBe(ip.json().id);
    expect(await find('2001:db8::5', 22)).toBeNull();
    expect(await find('2001:db8::5')).toBeNull();

    const range = await isb.post(url(), { kind: 'cidr', target: '198.51.100.0/24' });
    expect(range.statusCode).toBe(201);
    expect((await find('198.51.100.77', 22))?.id).toBe(range.json().id);
    expect((await find('::ffff:198.51.100.9'))?.id).toBe(range.json().id);
    expect(await find('198.51.101.1')).toBeNull();

    const cases: [unknown, RegExp][] = [
      [{ kind: 'cidr', target: '198.51.100.0/23' }, /höchstens 256 Adressen/],
      [{ kind: 'cidr', target: '198.51.100.7/24' }, /gemeint ist wohl 198\.51\.100\.0\/24/],
      [{ kind: 'ip', target: '10.1.2.3' }, /keine öffentliche Adresse/],
      [{ kind: 'ip', target: '127.0.0.1' }, /keine öffentliche Adresse/],
      [{ kind: 'cidr', target: '192.168.1.0/24' }, /kein öffentlicher Adressbereich/],
      [{ kind: 'cidr', target: '2001:db8::/64' }, /höchstens 256 Adressen/],
      [{ kind: 'domain', target: '203.0.113.5' }, /Art „ip“ oder „cidr“/],
      [{ kind: 'domain', target: 'localhost' }, /zwei Namensteile/],
      [{ kind: 'domain', target: 'intranet.local' }, /lokaler oder reservierter Name/],
      [{ kind: 'host', target: 'https://www.halberstadt.de' }, /ohne Schema/],
      [
        {
          kind: 'domain',
          target: 'halberstadt.de',
          expiresAt: new Date(Date.now() + 400 * DAY).toISOString(),
        },
        /höchstens ein Jahr/,
      ],
      [
        { kind: 'domain', target: 'halberstadt.de', expiresAt: new Date(Date.now() - DAY).toISOString() },
        /nicht in der Zukunft/,
      ],
    ];
    const before = (await isb.get(url())).json().total;
    for (const [body, message] of cases) {
      const response = await isb.post(url(), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors[0].message, response.body).toMatch(message);
    }
    expect((await isb.get(url())).json().total).toBe(before);
  });

  it('expires, can be revoked (once) and keeps its history', async () => {
    const soon = new Date(Date.now() + 2 * DAY).toISOString();
    const granted = (
      await isb.post(url(), { kind: 'domain', target: 'befristet.example', expiresAt: soon })
    ).json();
    expect((await find('www.befristet.example'))?.id).toBe(granted.id);
    expect(await find('www.befristet.example', undefined, new Date(Date.now() + 3 * DAY))).toBeNull();
    expect(await find('www.befristet.example', undefined, new Date(Date.now() - DAY))).toBeNull();

    const member = await t.as('pruefer');
    const denied = await member.post(`/api/v1/scan-authorisations/${granted.id}/revoke`);
    expect(denied.statusCode, denied.body).toBe(403);
    const revoked = await isb.post(`/api/v1/scan-authorisations/${granted.id}/revoke`, {
      reason: 'Dienstleister gewechselt',
    });
    expect(revoked.json()).toMatchObject({
      status: 'revoked',
      revokedBy: 'isb.halberstadt@demo.bastei.local',
      revocationReason: 'Dienstleister gewechselt',
    });
    expect(await find('www.befristet.example')).toBeNull();
    expect((await isb.post(`/api/v1/scan-authorisations/${granted.id}/revoke`)).statusCode).toBe(409);

    const history = (await isb.get(`/api/v1/scan-authorisations/${granted.id}/history`)).json();
    expect(history.items.map((i: { action: string }) => i.action)).toEqual([
      'scan_authorisation.grant',
      'scan_authorisation.revoke',
    ]);
    expect(history.items[1]).toMatchObject({
      actor: 'isb.halberstadt@demo.bastei.local',
      after: { status: 'revoked' },
    });
    expect(
      (await isb.get(`${url()}?status=revoked`)).json().items.map((a: { id: string }) => a.id),
    ).toContain(granted.id);
    expect(
      (await isb.get(`${url()}?status=active`)).json().items.map((a: { id: string }) => a.id),
    ).not.toContain(granted.id);
  });

  it('assertScanAuthorised names the target and how to authorise it', async () => {
    await expect(
      assertScanAuthorised(t.database.db, halberstadt, { host: 'www.halberstadt.de', port: 443 }),
    ).resolves.toMatchObject({ target: 'halberstadt.de' });
    const error = await assertScanAuthorised(t.database.db, halberstadt, {
      host: '203.0.113.9',
      port: 22,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('scan-not-authorised');
    expect((error as AppError).status).toBe(403);
    expect((error as AppError).detail).toMatch(/Für 203\.0\.113\.9:22 liegt keine gültige Scan-Freigabe/);
    expect((error as AppError).detail).toMatch(/„ip“ oder „cidr“/);
    const named = await assertScanAuthorised(t.database.db, halberstadt, {
      host: 'www.salzlandkreis.de',
    }).catch((e: unknown) => e);
    expect((named as AppError).detail).toMatch(/bastei-verification=<Token>/);

    const check = await (await t.as('cert')).get(`${url()}/check?host=WWW.halberstadt.de&port=443`);
    expect(check.json()).toMatchObject({ host: 'www.halberstadt.de', port: 443, authorised: true });
    expect((await isb.get(`${url()}/check?host=203.0.113.9`)).json()).toMatchObject({
      authorised: false,
      authorisation: null,
    });
    expect((await isb.get(`${url()}/check?host=exa%20mple`)).statusCode).toBe(400);
    expect(
      (await (await t.as('cert')).post(url(), { kind: 'domain', target: 'cert.example' })).statusCode,
    ).toBe(403);
  });
});

describe('DNS TXT verification', () => {
  it('issues a token, verifies it through the configured resolver, and withdraws it when the record goes', async () => {
    const issued = await isb.post(`/api/v1/organisations/${halberstadt}/domain-verifications`, {
      domain: 'Stadt-Halberstadt.example',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const v = issued.json();
    expect(v).toMatchObject({
      domain: 'stadt-halberstadt.example',
      status: 'pending',
      record: { type: 'TXT', name: 'stadt-halberstadt.example' },
    });
    expect(v.record.value).toBe(`bastei-verification=${v.token}`);
    const again = await isb.post(`/api/v1/organisations/${halberstadt}/domain-verifications`, {
      domain: 'stadt-halberstadt.example',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().token).toBe(v.token);
    const other = await (await t.as('isb.arneburg-goldbeck')).post(
      `/api/v1/organisations/${arneburg}/domain-verifications`,
      { domain: 'stadt-halberstadt.example' },
    );
    expect(other.json().token).not.toBe(v.token);

    const check = () => isb.post(`/api/v1/domain-verifications/${v.id}/check`);
    const missing = await check();
    expect(missing.json()).toMatchObject({ status: 'pending', lastCheckResult: 'missing' });
    expect(await find('www.stadt-halberstadt.example')).toBeNull();

    dns.zone['stadt-halberstadt.example'] = [['v=spf1 -all'], ['bastei-verification=', v.token]];
    const verified = (await check()).json();
    expect(verified).toMatchObject({ status: 'verified', lastCheckResult: 'verified' });
    expect(new Date(verified.validUntil).getTime() - new Date(verified.verifiedAt).getTime()).toBe(30 * DAY);
    const found = await find('www.stadt-halberstadt.example', 8443);
    expect(found).toMatchObject({
      method: 'dns-txt',
      kind: 'domain',
      target: 'stadt-halberstadt.example',
      ports: null,
    });
    expect(await find('www.stadt-halberstadt.example', 443, new Date(Date.now() + 31 * DAY))).toBeNull();
    // Arneburg's own token is not in the zone: Halberstadt's record proves nothing for it.
    expect(
      await findAuthorisation(t.database.db, arneburg, { host: 'stadt-halberstadt.example' }),
    ).toBeNull();

    // A failed lookup changes nothing; the record gone withdraws the verification before a scan.
    dns.zone['stadt-halberstadt.example'] = 'servfail';
    expect((await check()).json()).toMatchObject({ status: 'verified', lastCheckResult: 'error' });
    dns.zone['stadt-halberstadt.example'] = [['bastei-verification=someone-elses-token-1234']];
    const ctx = systemContext(t.database.db, 'scan-test');
    const rechecked = await recheckDomainVerifications(ctx, halberstadt, 'www.stadt-halberstadt.example', {
      servers: [dns.address],
    });
    expect(rechecked).toHaveLength(1);
    expect(rechecked[0]).toMatchObject({ last_check_result: 'missing', valid_until: null });
    await expect(
      assertScanAuthorised(t.database.db, halberstadt, { host: 'www.stadt-halberstadt.example' }),
    ).rejects.toThrow(/keine gültige Scan-Freigabe/);

    expect(dns.queries.length).toBeGreaterThan(0);
    expect(dns.queries.every((q) => q.name === 'stadt-halberstadt.example')).toBe(true);

    const revoked = await isb.delete(`/api/v1/domain-verifications/${v.id}`);
    expect(revoked.json().status).toBe('revoked');
    expect((await check()).statusCode).toBe(409);
    const renewed = await isb.post(`/api/v1/organisations/${halberstadt}/domain-verifications`, {
      domain: 'stadt-halberstadt.example',
    });
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json().token).not.toBe(v.token);
    const list = (
      await isb.get(`/api/v1/organisations/${halberstadt}/domain-verifications?includeRevoked=true`)
    ).json();
    expect(list.items.map((i: { status: string }) => i.status).sort()).toEqual(['pending', 'revoked']);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', v.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'domain_verification.request',
      'domain_verification.check',
      'domain_verification.check',
      'domain_verification.check',
      'domain_verification.check',
      'domain_verification.revoke',
    ]);
  });

  it('refuses names that cannot be verified and readers who may not authorise', async () => {
    const post = (client: TestClient, domain: string) =>
      client.post(`/api/v1/organisations/${halberstadt}/domain-verifications`, { domain });
    expect((await post(isb, '198.51.100.1')).statusCode).toBe(400);
    expect((await post(isb, 'localhost')).statusCode).toBe(400);
    expect((await post(await t.as('pruefer'), 'halberstadt.de')).statusCode).toBe(403);
    expect((await post(await t.as('isb.salzlandkreis'), 'halberstadt.de')).statusCode).toBe(404);
  });
});
