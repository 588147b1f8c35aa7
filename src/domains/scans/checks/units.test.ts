/** Pure parts: suite ratings, header and file parsers, SPF counting, DER parsing; fuzzed where it matters. */
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DnsOps } from './evaluate-dns.ts';
import { analyseSpf, caaCandidates, parseDmarc } from './evaluate-dns.ts';
import { evaluateTls } from './evaluate-tls.ts';
import { parseHsts, parseSecurityTxt } from './evaluate-web.ts';
import { looksLikeLogin } from './exposure.ts';
import type { TlsProbeResult } from './tls-probe.ts';
import { classifySuite, TLS12_CANDIDATES, TR_02102_TLS12_RECOMMENDED } from './tls-suites.ts';
import { createLimiter, mapLimit } from './util.ts';
import { signatureAlgorithmOf } from './x509.ts';

describe('classifySuite (BSI TR-02102-2)', () => {
  it.each([
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'recommended'],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'recommended'],
    ['TLS_DHE_RSA_WITH_AES_128_CCM', 'recommended'],
    ['TLS_AES_128_GCM_SHA256', 'recommended'],
    ['TLS_AES_128_CCM_SHA256', 'recommended'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'not_recommended'],
    ['TLS_AES_128_CCM_8_SHA256', 'not_recommended'],
    ['TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'not_recommended'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'not_recommended'],
    ['TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256', 'not_recommended'],
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'no_forward_secrecy'],
    ['TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256', 'no_forward_secrecy'],
    ['TLS_DH_RSA_WITH_AES_256_GCM_SHA384', 'no_forward_secrecy'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'weak'],
    ['TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'weak'],
    ['TLS_RSA_WITH_RC4_128_SHA', 'weak'],
    ['TLS_ECDHE_RSA_WITH_RC4_128_SHA', 'weak'],
    ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'weak'],
    ['TLS_RSA_EXPORT_WITH_DES40_CBC_SHA', 'weak'],
    ['TLS_RSA_WITH_DES_CBC_SHA', 'weak'],
    ['TLS_RSA_WITH_NULL_SHA256', 'weak'],
    ['TLS_ECDHE_RSA_WITH_NULL_SHA', 'weak'],
    ['TLS_DH_anon_WITH_AES_128_GCM_SHA256', 'weak'],
    ['TLS_ECDH_anon_WITH_AES_256_CBC_SHA', 'weak'],
    ['TLS_RSA_WITH_IDEA_CBC_SHA', 'weak'],
    ['TLS_RSA_WITH_NULL_MD5', 'weak'],
  ])('%s → %s', (name, rating) => {
    expect(classifySuite(name).rating).toBe(rating);
  });

  it('marks forward secrecy only for ephemeral, authenticated key exchange', () => {
    expect(classifySuite('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256').forwardSecrecy).toBe(true);
    expect(classifySuite('TLS_DHE_DSS_WITH_AES_128_GCM_SHA256').forwardSecrecy).toBe(true);
    expect(classifySuite('TLS_RSA_WITH_AES_128_GCM_SHA256').forwardSecrecy).toBe(false);
    expect(classifySuite('TLS_DH_anon_WITH_AES_128_GCM_SHA256').forwardSecrecy).toBe(false);
  });

  it('every recommended suite is rated recommended, every candidate gets a rating', () => {
    for (const name of TR_02102_TLS12_RECOMMENDED) expect(classifySuite(name).rating).toBe('recommended');
    for (const [, iana] of TLS12_CANDIDATES)
      expect(classifySuite(iana).rating).toMatch(/recommended|forward|weak/);
  });
});

describe('parseHsts', () => {
  it('reads max-age, includeSubDomains, preload and quoted values', () => {
    expect(parseHsts('max-age=31536000; includeSubDomains; preload')).toEqual({
      maxAge: 31536000,
      includeSubDomains: true,
      preload: true,
      errors: [],
    });
    expect(parseHsts('max-age="600"').maxAge).toBe(600);
    expect(parseHsts('includeSubDomains').errors).toEqual(['max-age missing']);
    expect(parseHsts('max-age=abc').errors[0]).toContain('not a number');
    // Only the first of several header fields counts (RFC 6797 8.1).
    expect(parseHsts('max-age=10, max-age=31536000').maxAge).toBe(10);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (value) => void parseHsts(value)));
  });
});

describe('parseSecurityTxt', () => {
  it('collects Contact and Expires, ignores comments and reports junk lines', () => {
    const parsed = parseSecurityTxt(
      '\uFEFF# comment\r\nContact: mailto:a@b.test\r\ncontact: https://b.test/c\r\nExpires: 2030-01-01T00:00:00Z\r\njunk\r\n',
    );
    expect(parsed.contacts).toEqual(['mailto:a@b.test', 'https://b.test/c']);
    expect(parsed.expires).toEqual(['2030-01-01T00:00:00Z']);
    expect(parsed.errors).toEqual(['line 5: not a "Field: value" line']);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (value) => void parseSecurityTxt(value)));
  });
});

describe('parseDmarc and caaCandidates', () => {
  it('parses tags, first one wins', () => {
    expect(parseDmarc('v=DMARC1; p=quarantine; pct=50; p=none')).toEqual({
      v: 'DMARC1',
      p: 'quarantine',
      pct: '50',
    });
  });

  it('walks up to, but not into, the TLD', () => {
    expect(caaCandidates('www.stadt.kommune.de.')).toEqual([
      'www.stadt.kommune.de',
      'stadt.kommune.de',
      'kommune.de',
    ]);
    expect(caaCandidates('de')).toEqual([]);
  });
});

function fakeDns(records: Record<string, string[]>): DnsOps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    txt: async (name) => {
      asked.push(name);
      return records[name] ?? [];
    },
    caa: async () => [],
    query: async () => {
      throw new Error('not used');
    },
  };
}

describe('analyseSpf', () => {
  it('counts lookups recursively and detects loops', async () => {
    const dns = fakeDns({
      'a.test': ['v=spf1 include:b.test mx -all'],
      'b.test': ['v=spf1 include:a.test a ~all'],
    });
    const result = await analyseSpf('a.test', dns);
    expect(result.lookups).toBe(4);
    expect(result.problems).toEqual(['include:a.test loops']);
  });

  it('ignores redirect when the record has all, and follows it otherwise', async () => {
    const withAll = await analyseSpf('x.test', fakeDns({ 'x.test': ['v=spf1 -all redirect=y.test'] }));
    expect(withAll).toMatchObject({ all: '-', lookups: 0, problems: [] });
    const redirected = await analyseSpf(
      'x.test',
      fakeDns({ 'x.test': ['v=spf1 redirect=y.test'], 'y.test': ['v=spf1 ip4:192.0.2.1 ~all'] }),
    );
    expect(redirected).toMatchObject({ all: '~', lookups: 1, problems: [] });
  });

  it('does not expand macros but counts them', async () => {
    const result = await analyseSpf(
      'm.test',
      fakeDns({ 'm.test': ['v=spf1 exists:%{i}.spf.m.test include:%{d}.x -all'] }),
    );
    expect(result.lookups).toBe(2);
    expect(result.notes[0]).toContain('macros');
  });

  it('stops following includes beyond the limit', async () => {
    const records: Record<string, string[]> = {};
    for (let i = 0; i < 30; i++) records[`d${i}.test`] = [`v=spf1 include:d${i + 1}.test -all`];
    records['d30.test'] = ['v=spf1 -all'];
    const dns = fakeDns(records);
    const result = await analyseSpf('d0.test', dns);
    expect(result.problems.some((p) => p.includes('limit 10'))).toBe(true);
    expect(dns.asked.length).toBeLessThan(15);
  });

  it('never throws on arbitrary records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (record) => {
        await analyseSpf('f.test', fakeDns({ 'f.test': [`v=spf1 ${record}`], 'x.test': [record] }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('signatureAlgorithmOf', () => {
  it('reads the signature algorithm of real certificates', async () => {
    const { rootCertificates } = await import('node:tls');
    const seen = new Set<string>();
    for (const pem of rootCertificates) seen.add(signatureAlgorithmOf(new X509Certificate(pem).raw).name);
    expect(seen.has('sha256WithRSAEncryption')).toBe(true);
    expect([...seen].every((name) => !/^\d/.test(name))).toBe(true);
  });

  it('throws a plain error (never hangs) on garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          signatureAlgorithmOf(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
    );
  });
});

describe('looksLikeLogin', () => {
  const page = (body: string, status = 200, headers: Record<string, string> = {}) => ({
    url: 'http://x.test/',
    port: 80,
    ok: true,
    status,
    headers,
    body,
    durationMs: 1,
  });
  it('recognises password forms, auth prompts and admin titles', () => {
    expect(looksLikeLogin(page("<input name=p type='password'>"))).toBeDefined();
    expect(looksLikeLogin(page('', 401, { 'www-authenticate': 'Basic' }))).toBeDefined();
    expect(looksLikeLogin(page('<title>Webmin 2.1</title>'))).toBeDefined();
    expect(looksLikeLogin(page('<title>Bürgerportal</title><p>Hallo</p>'))).toBeUndefined();
  });
});

describe('evaluateTls with hand-made probe data', () => {
  const base: TlsProbeResult = {
    host: 'x.test',
    address: '127.0.0.1',
    port: 443,
    servername: 'x.test',
    reachable: true,
    tls: true,
    protocols: {
      TLSv1: { accepted: false },
      'TLSv1.1': { accepted: false },
      'TLSv1.2': { accepted: true },
      'TLSv1.3': { accepted: false },
    },
    notProbed: ['SSLv2', 'SSLv3'],
    ciphers: {
      enumerated: true,
      mode: 'grouped',
      tls12: [{ name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', opensslName: 'DES-CBC3-SHA' }],
      tls13: [],
      untestable: [],
      errors: [],
      handshakes: 1,
    },
    certificates: [],
    durationMs: 1,
  };
  const ctx = {
    target: { host: 'x.test', port: 443 },
    now: new Date(),
    observedAt: new Date().toISOString(),
  };

  it('rates 3DES high (not servable by this OpenSSL, so only tested here)', () => {
    const results = evaluateTls(base, ctx);
    expect(results.find((r) => r.checkId === 'tls.ciphers')).toMatchObject({
      status: 'fail',
      severity: 'high',
    });
  });

  it('fails trust and skips the other certificate checks without a certificate', () => {
    const results = evaluateTls(base, ctx);
    expect(results.find((r) => r.checkId === 'tls.cert.trust')?.status).toBe('fail');
    expect(results.find((r) => r.checkId === 'tls.cert.expiry')?.status).toBe('not_applicable');
  });

  it('marks every TLS check not_applicable without a handshake', () => {
    const results = evaluateTls({ ...base, tls: false, reachable: false, error: 'ECONNREFUSED' }, ctx);
    expect(results).toHaveLength(7);
    expect(results.every((r) => r.status === 'not_applicable')).toBe(true);
  });
});

describe('limiter', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          active -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await mapLimit([3, 1, 2], 2, async (x) => x * 2)).toEqual([6, 2, 4]);
  });
});
