/**
 * tls.* checks against real TLS servers on 127.0.0.1 with chosen versions, suites and certificates.
 * Not testable here: SSLv2/SSLv3, RC4, 3DES and EXPORT suites — Node's OpenSSL 3.0 can neither
 * serve nor offer them (`no cipher match`); their rating is covered by the classifySuite unit tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from './run.ts';
import {
  closedPort,
  createPki,
  loopbackOptions,
  oneResult,
  type Pki,
  type RunningServer,
  startHttpServer,
  startHttpsServer,
  type TlsServerOptions,
} from './test-support.ts';
import { probeTls } from './tls-probe.ts';
import type { CheckId, CheckResult } from './types.ts';

let pki: Pki;
const servers: RunningServer[] = [];

beforeAll(async () => {
  pki = await createPki();
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await pki?.cleanup();
});

async function serve(options: Partial<TlsServerOptions>): Promise<number> {
  const server = await startHttpsServer({ key: pki.leafKey, cert: pki.certs.good, ...options });
  servers.push(server);
  return server.port;
}

/** Web + TLS checks of https://www.kommune.test/ pointed at the given loopback port. */
async function scan(port: number, extra: Parameters<typeof loopbackOptions>[0] = {}): Promise<CheckResult[]> {
  return runChecks(
    { url: 'https://www.kommune.test/' },
    loopbackOptions({ caCertificates: [pki.ca], ...extra, ports: { 443: port, ...(extra.ports ?? {}) } }),
  );
}

async function check(id: CheckId, options: Partial<TlsServerOptions>, extra = {}): Promise<CheckResult> {
  return oneResult(await scan(await serve(options), extra), id);
}

const STRICT_SUITES =
  'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384';

describe('tls.protocols', () => {
  it('passes when only TLS 1.2 and 1.3 are accepted', async () => {
    const result = await check('tls.protocols', {});
    expect(result.status).toBe('pass');
    expect(result.evidence.accepted).toEqual(['TLS 1.2', 'TLS 1.3']);
    expect(result.evidence.refused).toEqual(['TLS 1.0', 'TLS 1.1']);
    expect(result.evidence.notProbed).toEqual(['SSLv2', 'SSLv3']);
  });

  it('fails high when TLS 1.0 is enabled (server needs @SECLEVEL=0)', async () => {
    const result = await check('tls.protocols', { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.accepted).toEqual(['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3']);
    expect(result.summary.en).toContain('TLS 1.0');
  });

  it('fails high for a TLS 1.0-only server and still reads its certificate', async () => {
    const results = await scan(
      await serve({ minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
    );
    expect(oneResult(results, 'tls.protocols')).toMatchObject({ status: 'fail', severity: 'high' });
    expect(oneResult(results, 'tls.protocols').evidence.accepted).toEqual(['TLS 1.0']);
    expect(oneResult(results, 'tls.cert.trust').status).toBe('pass');
  });
});

describe('tls.ciphers', () => {
  it('passes with only TR-02102-2 suites', async () => {
    const result = await check('tls.ciphers', { ciphers: STRICT_SUITES });
    expect(result.status).toBe('pass');
    expect(result.evidence.accepted).toEqual({
      tls12: [
        expect.stringMatching(/^TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384/),
        expect.stringMatching(/^TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256/),
      ],
      tls13: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'],
    });
  });

  it("warns (info) about suites outside BSI's list, e.g. ChaCha20 in Node's defaults", async () => {
    const result = await check('tls.ciphers', {
      ciphers:
        'TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305',
    });
    expect(result).toMatchObject({ status: 'warn', severity: 'info' });
    expect(JSON.stringify(result.evidence.notRecommended)).toContain('CHACHA20');
  });

  it('fails medium when a modern client gets no forward secrecy (RSA key exchange only, no TLS 1.3)', async () => {
    const result = await check('tls.ciphers', {
      maxVersion: 'TLSv1.2',
      ciphers: 'AES128-GCM-SHA256:AES256-SHA',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(result.evidence.withoutForwardSecrecy).toEqual([
      'TLS_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_RSA_WITH_AES_256_CBC_SHA',
    ]);
  });

  it('fails medium when the server itself prefers a non-PFS suite', async () => {
    const result = await check('tls.ciphers', {
      maxVersion: 'TLSv1.2',
      honorCipherOrder: true,
      ciphers: 'AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(result.evidence.tls12PreferredByServer).toBe('TLS_RSA_WITH_AES_256_GCM_SHA384');
  });

  it('fails low when non-PFS suites are only a fallback (TLS 1.3 and ECDHE preferred)', async () => {
    const result = await check('tls.ciphers', {
      ciphers: 'TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:AES128-GCM-SHA256',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'low' });
  });

  it('fails high for a NULL (no encryption) suite', async () => {
    const result = await check('tls.ciphers', {
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:NULL-SHA256:@SECLEVEL=0',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(JSON.stringify(result.evidence.weak)).toContain('TLS_RSA_WITH_NULL_SHA256');
  });

  it('fails high for an anonymous (aNULL) suite', async () => {
    const result = await check('tls.ciphers', {
      maxVersion: 'TLSv1.2',
      dhparam: 'auto',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ADH-AES128-GCM-SHA256:@SECLEVEL=0',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(JSON.stringify(result.evidence.weak)).toContain('TLS_DH_anon_WITH_AES_128_GCM_SHA256');
  });

  it('lists 3DES/RC4/EXPORT as untestable with this OpenSSL', async () => {
    const result = await check('tls.ciphers', { ciphers: STRICT_SUITES });
    const untestable = result.evidence.untestable as string[];
    // This OpenSSL 3.0 build cannot offer them; a build that can would test them instead.
    expect(untestable.length === 0 || untestable.includes('TLS_RSA_WITH_3DES_EDE_CBC_SHA')).toBe(true);
  });

  it('grouped and exhaustive enumeration find the same suites', async () => {
    const port = await serve({
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA:AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384',
      dhparam: 'auto',
    });
    const common = { servername: 'www.kommune.test', caCertificates: [pki.ca], timeoutMs: 8000 };
    const grouped = await probeTls('127.0.0.1', port, { ...common, cipherEnumeration: 'grouped' });
    const exhaustive = await probeTls('127.0.0.1', port, { ...common, cipherEnumeration: 'exhaustive' });
    expect(grouped.ciphers.tls12.map((s) => s.name)).toEqual(exhaustive.ciphers.tls12.map((s) => s.name));
    expect(grouped.ciphers.tls12.map((s) => s.name).sort()).toEqual([
      'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
      'TLS_RSA_WITH_AES_128_GCM_SHA256',
    ]);
    expect(grouped.ciphers.handshakes).toBeLessThan(exhaustive.ciphers.handshakes);
    expect(grouped.ciphers.tls12.find((s) => s.name.startsWith('TLS_DHE'))?.ephemeralKey).toMatch(/^DH \d+/);
  });
});

describe('tls.cert.trust', () => {
  it('passes for a chain to the supplied CA', async () => {
    const result = await check('tls.cert.trust', {});
    expect(result.status).toBe('pass');
    expect(result.evidence.anchor).toContain('Bastei Test Root CA');
  });

  it('fails high for a self-signed certificate', async () => {
    const result = await check('tls.cert.trust', { cert: pki.certs.selfSigned });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.status).toBe('self_signed');
  });

  it('fails high for a CA the caller does not trust', async () => {
    const result = await check('tls.cert.trust', { cert: pki.certs.otherCaLeaf });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.status).toBe('unknown_issuer');
  });

  it("fails against Node's bundled roots when no CA set is given", async () => {
    const port = await serve({});
    const results = await runChecks(
      { url: 'https://www.kommune.test/' },
      loopbackOptions({ ports: { 443: port } }),
    );
    expect(oneResult(results, 'tls.cert.trust').status).toBe('fail');
  });
});

describe('tls.cert.hostname', () => {
  it('passes when the SAN covers the name', async () => {
    expect((await check('tls.cert.hostname', {})).status).toBe('pass');
  });

  it('fails high for a certificate issued to another name', async () => {
    const result = await check('tls.cert.hostname', { cert: pki.certs.wrongHost });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.subjectAltName).toBe('DNS:other.test');
  });

  it('passes for an IP target with a matching IP SAN, not_applicable without one', async () => {
    const good = await serve({});
    const wrong = await serve({ cert: pki.certs.wrongHost });
    const run = (port: number) =>
      runChecks({ url: `https://127.0.0.1:${port}/` }, loopbackOptions({ caCertificates: [pki.ca] }));
    expect(oneResult(await run(good), 'tls.cert.hostname').status).toBe('pass');
    expect(oneResult(await run(wrong), 'tls.cert.hostname').status).toBe('not_applicable');
  });
});

describe('tls.cert.expiry', () => {
  it('passes for a certificate valid for 90 days', async () => {
    expect((await check('tls.cert.expiry', {})).status).toBe('pass');
  });

  it('fails high for an expired certificate', async () => {
    const result = await check('tls.cert.expiry', { cert: pki.certs.expired });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.summary.en).toContain('expired');
  });

  it('fails medium below 14 days', async () => {
    expect(await check('tls.cert.expiry', { cert: pki.certs.expiring10 })).toMatchObject({
      status: 'fail',
      severity: 'medium',
    });
  });

  it('fails low below 30 days', async () => {
    expect(await check('tls.cert.expiry', { cert: pki.certs.expiring20 })).toMatchObject({
      status: 'fail',
      severity: 'low',
    });
  });

  it('uses the injected clock', async () => {
    const port = await serve({});
    const later = new Date(Date.now() + 80 * 86_400_000);
    const results = await scan(port, { now: () => later });
    expect(oneResult(results, 'tls.cert.expiry')).toMatchObject({ status: 'fail', severity: 'medium' });
  });
});

describe('tls.cert.key', () => {
  it('passes for RSA 3072', async () => {
    const result = await check('tls.cert.key', {});
    expect(result.status).toBe('pass');
    expect(result.evidence.leaf).toMatchObject({ keyType: 'rsa', keyBits: 3072 });
  });

  it('fails low for RSA 2048 (below 3000 bit since 2023)', async () => {
    expect(await check('tls.cert.key', { key: pki.key2048, cert: pki.certs.rsa2048 })).toMatchObject({
      status: 'fail',
      severity: 'low',
    });
  });

  it('fails high for RSA 1024 (server needs @SECLEVEL=0 to load it)', async () => {
    const result = await check('tls.cert.key', {
      key: pki.key1024,
      cert: pki.certs.rsa1024,
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.leaf).toMatchObject({ keyBits: 1024 });
  });

  it('passes for ECDSA P-256', async () => {
    const result = await check('tls.cert.key', { key: pki.keyP256, cert: pki.certs.ecP256 });
    expect(result.status).toBe('pass');
    expect(result.evidence.leaf).toMatchObject({ keyType: 'ec', keyBits: 256, curve: 'prime256v1' });
  });

  it('fails high for ECDSA P-224 (below 250 bit; served over TLS 1.2 only)', async () => {
    const result = await check('tls.cert.key', {
      key: pki.keyP224,
      cert: pki.certs.ecP224,
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ecdhCurve: 'X25519:P-256:secp224r1',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.leaf).toMatchObject({ keyBits: 224, curve: 'secp224r1' });
  });
});

describe('tls.cert.signature', () => {
  it('passes for sha256WithRSAEncryption', async () => {
    const result = await check('tls.cert.signature', {});
    expect(result.status).toBe('pass');
    expect(result.summary.en).toContain('sha256WithRSAEncryption');
  });

  it('fails high for a SHA-1 signed certificate', async () => {
    const result = await check('tls.cert.signature', {
      cert: pki.certs.sha1,
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.summary.en).toContain('sha1WithRSAEncryption');
  });
});

describe('probeTls', () => {
  it('reports a closed port as unreachable without TLS results', async () => {
    const probe = await probeTls('127.0.0.1', await closedPort(), { timeoutMs: 1000 });
    expect(probe.reachable).toBe(false);
    expect(probe.tls).toBe(false);
    expect(probe.error).toMatch(/ECONNREFUSED/);
  });

  it('reports a plain-TCP (non-TLS) port as reachable but not TLS', async () => {
    const server = await startHttpServer({});
    servers.push(server);
    const probe = await probeTls('127.0.0.1', server.port, { timeoutMs: 5000 });
    expect(probe.reachable).toBe(true);
    expect(probe.tls).toBe(false);
  });
});
