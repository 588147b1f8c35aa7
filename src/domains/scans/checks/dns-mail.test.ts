/**
 * mail.* and dns.* checks against a dns2 server on 127.0.0.1 (random UDP/TCP port) serving test
 * zones, and hand-rolled SMTP servers with and without STARTTLS. No system resolver is used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupTxt, queryDns } from './dns.ts';
import { runChecks } from './run.ts';
import {
  byCheck,
  createPki,
  loopbackOptions,
  oneResult,
  type Pki,
  type RunningDns,
  type RunningServer,
  startDnsServer,
  startSmtpServer,
  type ZoneRecord,
} from './test-support.ts';
import type { CheckResult } from './types.ts';

let pki: Pki;
let dns: RunningDns;
const servers: RunningServer[] = [];

const txt = (data: string): ZoneRecord => ({ type: 'TXT', data });
const a = (data = '127.0.0.1'): ZoneRecord => ({ type: 'A', data });
const mx = (exchange: string, preference = 10): ZoneRecord => ({
  type: 'MX',
  data: { exchange, preference },
});
const soa: ZoneRecord = { type: 'SOA', data: { mname: 'ns.test', rname: 'hostmaster.test', serial: 1 } };

// 12 DNS-querying terms through two includes: over the limit of 10.
const tooMany = {
  'toomany.test': [txt('v=spf1 include:a.toomany.test include:b.toomany.test -all'), soa],
  'a.toomany.test': [txt('v=spf1 a mx ptr exists:%{i}.x.test a:x.test -all')],
  'b.toomany.test': [txt('v=spf1 mx:one.test mx:two.test a:three.test a:four.test a:five.test ~all')],
};

beforeAll(async () => {
  pki = await createPki();
  dns = await startDnsServer({
    zone: {
      'kommune.test': [
        txt('v=spf1 mx include:_spf.provider.test -all'),
        txt('google-site-verification=abc'),
        mx('mx.kommune.test'),
        { type: 'CAA', data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
        soa,
        a(),
      ],
      '_spf.provider.test': [txt('v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all')],
      '_dmarc.kommune.test': [txt('v=DMARC1; p=reject; rua=mailto:dmarc@kommune.test')],
      'mx.kommune.test': [a()],
      'sub.kommune.test': [soa],
      'nospf.test': [txt('google-site-verification=xyz'), soa],
      'plusall.test': [txt('v=spf1 a +all'), soa],
      'noall.test': [txt('v=spf1 ip4:192.0.2.1'), soa],
      'twospf.test': [txt('v=spf1 -all'), txt('v=spf1 a -all')],
      'brokeninclude.test': [txt('v=spf1 include:missing.test -all')],
      'redirect.test': [txt('v=spf1 redirect=kommune.test')],
      ...tooMany,
      '_dmarc.monitor.test': [txt('v=DMARC1; p=none; rua=mailto:d@monitor.test')],
      'monitor.test': [soa],
      '_dmarc.nopolicy.test': [txt('v=DMARC1; rua=mailto:d@nopolicy.test')],
      'nopolicy.test': [soa],
      'plain.test': [mx('mx.plain.test'), txt('v=spf1 mx -all'), soa],
      'mx.plain.test': [a()],
      'mixed.test': [mx('mx.kommune.test', 10), mx('mx6.plain.test', 20), soa],
      'mx6.plain.test': [{ type: 'AAAA', data: '::1' }],
      'nomx.test': [soa],
      'nullmx.test': [mx('.', 0), soa],
      'unreachable.test': [mx('mx.unreachable.test'), soa],
      'mx.unreachable.test': [a()],
      'badcert.test': [mx('mx.badcert.test'), soa],
      'mx.badcert.test': [a()],
      'bogus.test': [soa],
      'big.test': [txt(`v=spf1 ${'ip4:192.0.2.1 '.repeat(5)}-all`)],
    },
    signed: ['kommune.test', 'sub.kommune.test'],
    bogus: ['bogus.test'],
    truncateUdp: ['big.test'],
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await dns?.close();
  await pki?.cleanup();
});

/** Domain checks with web ports off; SMTP port 25 mapped when given. */
async function domainScan(
  domain: string,
  extra: Parameters<typeof loopbackOptions>[0] = {},
): Promise<CheckResult[]> {
  return runChecks(
    { domain },
    loopbackOptions({ resolver: dns.resolver, caCertificates: [pki.ca], ...extra }),
  );
}

describe('DNS client (dns-packet over UDP/TCP to the given resolver)', () => {
  it('asks the configured resolver and joins TXT strings', async () => {
    const before = dns.queries.length;
    expect(await lookupTxt('_dmarc.kommune.test', { resolver: dns.resolver, timeoutMs: 5000 })).toEqual([
      'v=DMARC1; p=reject; rua=mailto:dmarc@kommune.test',
    ]);
    expect(dns.queries.slice(before)).toEqual([
      { name: '_dmarc.kommune.test', type: 'TXT', transport: 'udp', dnssecOk: false, cd: false },
    ]);
  });

  it('falls back to TCP when the UDP answer is truncated', async () => {
    const response = await queryDns('big.test', 'TXT', { resolver: dns.resolver, timeoutMs: 5000 });
    expect(response.transport).toBe('tcp');
    expect(response.answers).toHaveLength(1);
    expect(dns.queries.filter((q) => q.name === 'big.test').map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('sets DO and CD when asked and reads AD and the rcode', async () => {
    const signed = await queryDns('kommune.test', 'SOA', {
      resolver: dns.resolver,
      timeoutMs: 5000,
      dnssecOk: true,
    });
    expect(signed).toMatchObject({ rcode: 'NOERROR', authenticData: true });
    expect(dns.queries.at(-1)).toMatchObject({ dnssecOk: true, cd: false });
    const missing = await queryDns('nothing.test', 'A', { resolver: dns.resolver, timeoutMs: 5000 });
    expect(missing.rcode).toBe('NXDOMAIN');
  });
});

describe('mail.spf', () => {
  it('passes for -all with includes counted', async () => {
    const result = oneResult(await domainScan('kommune.test'), 'mail.spf');
    expect(result.status).toBe('pass');
    expect(result.evidence).toMatchObject({ all: '-', lookups: 2 });
  });

  it('passes through redirect= to the target record', async () => {
    const result = oneResult(await domainScan('redirect.test'), 'mail.spf');
    expect(result.status).toBe('pass');
    expect(result.evidence).toMatchObject({ all: '-', lookups: 3 });
  });

  it('fails medium without an SPF record', async () => {
    const result = oneResult(await domainScan('nospf.test'), 'mail.spf');
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(result.evidence.problems).toEqual(['no SPF record']);
  });

  it('fails for +all and for a record without all', async () => {
    expect(oneResult(await domainScan('plusall.test'), 'mail.spf').evidence.problems).toEqual([
      'record ends in +all instead of -all or ~all',
    ]);
    expect(oneResult(await domainScan('noall.test'), 'mail.spf').status).toBe('fail');
  });

  it('fails with more than 10 DNS-querying terms counted through includes', async () => {
    const result = oneResult(await domainScan('toomany.test'), 'mail.spf');
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(result.evidence.lookups).toBe(12);
  });

  it('fails for two SPF records and for an include without a record', async () => {
    expect(oneResult(await domainScan('twospf.test'), 'mail.spf').status).toBe('fail');
    const broken = oneResult(await domainScan('brokeninclude.test'), 'mail.spf');
    expect(broken.status).toBe('fail');
    expect(JSON.stringify(broken.evidence.problems)).toContain('include:missing.test has no SPF record');
  });
});

describe('mail.dmarc', () => {
  it('passes for p=reject', async () => {
    const result = oneResult(await domainScan('kommune.test'), 'mail.dmarc');
    expect(result.status).toBe('pass');
    expect(result.evidence.tags).toMatchObject({ p: 'reject', rua: 'mailto:dmarc@kommune.test' });
  });

  it('fails medium when missing', async () => {
    expect(oneResult(await domainScan('nospf.test'), 'mail.dmarc')).toMatchObject({
      status: 'fail',
      severity: 'medium',
    });
  });

  it('fails low for p=none and medium without a policy', async () => {
    expect(oneResult(await domainScan('monitor.test'), 'mail.dmarc')).toMatchObject({
      status: 'fail',
      severity: 'low',
    });
    expect(oneResult(await domainScan('nopolicy.test'), 'mail.dmarc')).toMatchObject({
      status: 'fail',
      severity: 'medium',
    });
  });
});

describe('dns.caa', () => {
  it('passes with a CAA record on the domain', async () => {
    const result = oneResult(await domainScan('kommune.test'), 'dns.caa');
    expect(result.status).toBe('pass');
    expect(result.evidence.foundAt).toBe('kommune.test');
  });

  it('passes with a CAA record on a parent', async () => {
    const result = oneResult(await domainScan('sub.kommune.test'), 'dns.caa');
    expect(result.status).toBe('pass');
    expect(result.evidence).toMatchObject({
      foundAt: 'kommune.test',
      searched: ['sub.kommune.test', 'kommune.test'],
    });
  });

  it('fails low without any CAA record (the TLD is not asked)', async () => {
    const result = oneResult(await domainScan('nospf.test'), 'dns.caa');
    expect(result).toMatchObject({ status: 'fail', severity: 'low' });
    expect(result.evidence.searched).toEqual(['nospf.test']);
  });
});

describe('dns.dnssec', () => {
  it('is not_applicable without a validating resolver', async () => {
    const result = oneResult(await domainScan('kommune.test'), 'dns.dnssec');
    expect(result.status).toBe('not_applicable');
    expect(String(result.evidence.reason)).toContain('validating resolver');
  });

  it('passes when the validating resolver sets AD', async () => {
    const result = oneResult(await domainScan('kommune.test', { validatingResolver: true }), 'dns.dnssec');
    expect(result.status).toBe('pass');
    expect(result.evidence).toMatchObject({ ad: true, rcode: 'NOERROR' });
  });

  it('fails medium for an unsigned zone (no AD)', async () => {
    const result = oneResult(await domainScan('nospf.test', { validatingResolver: true }), 'dns.dnssec');
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
  });

  it('fails high for bogus signatures (SERVFAIL that resolves with CD)', async () => {
    const result = oneResult(await domainScan('bogus.test', { validatingResolver: true }), 'dns.dnssec');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.withCheckingDisabled).toBe('NOERROR');
  });
});

describe('mail.starttls', () => {
  let withTls: RunningServer & { sessions: number };
  let plain: RunningServer & { sessions: number };

  beforeAll(async () => {
    withTls = await startSmtpServer({ starttls: true, key: pki.leafKey, cert: pki.certs.good });
    plain = await startSmtpServer({ starttls: false, hostname: 'mx.plain.test' });
    servers.push(withTls, plain);
  });

  it('passes per MX and runs the TLS checks on the STARTTLS session', async () => {
    const results = await domainScan('kommune.test', { ports: { 25: withTls.port } });
    const starttls = oneResult(results, 'mail.starttls');
    expect(starttls.status).toBe('pass');
    expect(starttls.target).toEqual({ host: 'mx.kommune.test', port: withTls.port, service: 'smtp' });
    expect(starttls.evidence.ehlo).toContain('STARTTLS');
    const smtpTls = results.filter((r) => r.checkId.startsWith('tls.') && r.target.service === 'smtp');
    expect(smtpTls.map((r) => [r.checkId, r.status])).toEqual([
      ['tls.protocols', 'pass'],
      ['tls.ciphers', 'pass'],
      ['tls.cert.trust', 'pass'],
      ['tls.cert.hostname', 'pass'],
      ['tls.cert.expiry', 'pass'],
      ['tls.cert.key', 'pass'],
      ['tls.cert.signature', 'pass'],
    ]);
    expect(smtpTls[0]!.evidence.accepted).toEqual(['TLS 1.2', 'TLS 1.3']);
  });

  it('fails high when the MX does not offer STARTTLS', async () => {
    const result = oneResult(await domainScan('plain.test', { ports: { 25: plain.port } }), 'mail.starttls');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.ehlo).not.toContain('STARTTLS');
  });

  it('rates each MX on its own', async () => {
    // Second MX on ::1 with the same port number and no STARTTLS (both loopback).
    const v6 = await startSmtpServer({
      starttls: false,
      host: '::1',
      port: withTls.port,
      hostname: 'mx6.plain.test',
    }).catch(() => undefined);
    if (!v6) {
      console.warn('skipping the mixed-MX case: cannot listen on [::1] with the same port');
      return;
    }
    servers.push(v6);
    const results = byCheck(await domainScan('mixed.test', { ports: { 25: withTls.port } }), 'mail.starttls');
    expect(results.map((r) => [r.target.host, r.status])).toEqual([
      ['mx.kommune.test', 'pass'],
      ['mx6.plain.test', 'fail'],
    ]);
  });

  it('reports certificate problems of the MX as tls.* failures with service smtp', async () => {
    const bad = await startSmtpServer({ starttls: true, key: pki.leafKey, cert: pki.certs.wrongHost });
    servers.push(bad);
    const results = await domainScan('badcert.test', { ports: { 25: bad.port } });
    expect(oneResult(results, 'mail.starttls').status).toBe('pass');
    const hostname = oneResult(
      results.filter((r) => r.target.service === 'smtp'),
      'tls.cert.hostname',
    );
    expect(hostname).toMatchObject({
      status: 'fail',
      severity: 'high',
      target: { host: 'mx.badcert.test', service: 'smtp' },
    });
  });

  it('enumerates suites over repeated STARTTLS sessions when asked', async () => {
    const before = withTls.sessions;
    const results = await domainScan('kommune.test', {
      ports: { 25: withTls.port },
      smtpTlsEnumeration: true,
    });
    const ciphers = byCheck(results, 'tls.ciphers').find((r) => r.target.service === 'smtp')!;
    expect(ciphers.evidence.enumerated).toBe(true);
    expect((ciphers.evidence.accepted as { tls12: string[] }).tls12.length).toBeGreaterThan(3);
    expect(withTls.sessions - before).toBeGreaterThan(10);
  });

  it('is an error when the MX does not answer, not_applicable without MX or with a null MX', async () => {
    const { closedPort } = await import('./test-support.ts');
    const unreachable = oneResult(
      await domainScan('unreachable.test', { ports: { 25: await closedPort() } }),
      'mail.starttls',
    );
    expect(unreachable.status).toBe('error');
    expect(oneResult(await domainScan('nomx.test'), 'mail.starttls').status).toBe('not_applicable');
    const nullMx = oneResult(await domainScan('nullmx.test'), 'mail.starttls');
    expect(nullMx.status).toBe('not_applicable');
    expect(String(nullMx.evidence.reason)).toContain('RFC 7505');
  });
});
