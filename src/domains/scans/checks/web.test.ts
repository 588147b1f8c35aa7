/** Web checks (https.*, http.*) against HTTP and HTTPS servers on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSameHost } from './http-probe.ts';
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
  type WebSite,
} from './test-support.ts';
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

const GOOD_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; object-src 'none'",
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function securityTxt(body: string, contentType = 'text/plain; charset=utf-8') {
  return { '/.well-known/security.txt': { status: 200, headers: { 'content-type': contentType }, body } };
}

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

async function https(site: WebSite): Promise<number> {
  const server = await startHttpsServer({ key: pki.leafKey, cert: pki.certs.good, ...site });
  servers.push(server);
  return server.port;
}

async function http(site: WebSite): Promise<number> {
  const server = await startHttpServer(site);
  servers.push(server);
  return server.port;
}

async function scan(ports: Record<number, number | false>): Promise<CheckResult[]> {
  return runChecks(
    { url: 'https://www.kommune.test/' },
    loopbackOptions({ caCertificates: [pki.ca], ports }),
  );
}

async function webCheck(id: CheckId, site: WebSite): Promise<CheckResult> {
  return oneResult(await scan({ 443: await https(site) }), id);
}

describe('https.available', () => {
  it('passes when HTTPS answers', async () => {
    const result = await webCheck('https.available', { headers: GOOD_HEADERS });
    expect(result.status).toBe('pass');
    expect(result.evidence.status).toBe(200);
  });

  it('fails high when nothing listens on the HTTPS port', async () => {
    const results = await scan({ 443: await closedPort() });
    expect(oneResult(results, 'https.available')).toMatchObject({ status: 'fail', severity: 'high' });
    // Everything that needs HTTPS is skipped, not failed.
    expect(oneResult(results, 'tls.protocols').status).toBe('not_applicable');
    expect(oneResult(results, 'http.security-txt').status).toBe('not_applicable');
    expect(oneResult(results, 'http.hsts').status).toBe('not_applicable');
  });

  it('fails high when the port speaks plain HTTP instead of TLS', async () => {
    const results = await scan({ 443: await http({}) });
    expect(oneResult(results, 'https.available')).toMatchObject({ status: 'fail', severity: 'high' });
  });
});

describe('https.redirect', () => {
  const redirectTo = (location: string): WebSite => ({
    routes: { '/': { status: 301, headers: { location } } },
  });

  it('passes for a 301 to https on the same host', async () => {
    const results = await scan({
      443: await https({}),
      80: await http(redirectTo('https://www.kommune.test/')),
    });
    const result = oneResult(results, 'https.redirect');
    expect(result.status).toBe('pass');
    expect(result.target.service).toBe('http');
    expect(result.evidence.redirectTo).toBe('https://www.kommune.test/');
  });

  it('passes after a same-host http hop', async () => {
    const port = await http({
      routes: {
        '/': { status: 302, headers: { location: '/start' } },
        '/start': { status: 301, headers: { location: 'https://www.kommune.test/start' } },
      },
    });
    const result = oneResult(await scan({ 443: await https({}), 80: port }), 'https.redirect');
    expect(result.status).toBe('pass');
    expect((result.evidence.chain as unknown[]).length).toBe(2);
  });

  it('fails medium when HTTP serves the page itself', async () => {
    const result = oneResult(await scan({ 443: await https({}), 80: await http({}) }), 'https.redirect');
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
  });

  it('reports, and does not follow, a redirect to another host', async () => {
    const results = await scan({
      443: await https({}),
      80: await http(redirectTo('http://elsewhere.test/')),
    });
    const result = oneResult(results, 'https.redirect');
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(result.evidence.redirectTo).toBe('http://elsewhere.test/');
    expect((result.evidence.chain as unknown[]).length).toBe(1);
  });

  it('warns when the redirect goes to HTTPS on another host', async () => {
    const results = await scan({
      443: await https({}),
      80: await http(redirectTo('https://www.elsewhere.test/')),
    });
    expect(oneResult(results, 'https.redirect')).toMatchObject({ status: 'warn', severity: 'info' });
  });

  it('passes when port 80 is closed', async () => {
    const result = oneResult(await scan({ 443: await https({}), 80: await closedPort() }), 'https.redirect');
    expect(result.status).toBe('pass');
    expect(result.evidence.http).toBe('closed');
  });

  it('fails on a redirect loop', async () => {
    const port = await http({
      routes: {
        '/': { status: 302, headers: { location: '/a' } },
        '/a': { status: 302, headers: { location: '/' } },
      },
    });
    const result = oneResult(await scan({ 443: await https({}), 80: port }), 'https.redirect');
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(result.evidence.loop).toBe(true);
  });
});

describe('http.hsts', () => {
  it('passes with max-age of one year', async () => {
    const result = await webCheck('http.hsts', { headers: GOOD_HEADERS });
    expect(result.status).toBe('pass');
    expect(result.evidence).toMatchObject({ maxAge: 31_536_000, includeSubDomains: true });
  });

  it('fails medium without the header', async () => {
    expect(await webCheck('http.hsts', { headers: {} })).toMatchObject({
      status: 'fail',
      severity: 'medium',
    });
  });

  it('fails low when max-age is below a year', async () => {
    const result = await webCheck('http.hsts', { headers: { 'strict-transport-security': 'max-age=86400' } });
    expect(result).toMatchObject({ status: 'fail', severity: 'low' });
  });

  it('fails medium for max-age=0', async () => {
    const result = await webCheck('http.hsts', { headers: { 'strict-transport-security': 'max-age=0' } });
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
  });

  it('accepts HSTS set on a same-host redirect response', async () => {
    const port = await https({
      routes: {
        '/': {
          status: 301,
          headers: { location: '/portal', 'strict-transport-security': 'max-age=63072000' },
        },
        '/portal': { status: 200, headers: { 'content-type': 'text/html' }, body: '<title>Portal</title>' },
      },
    });
    expect(oneResult(await scan({ 443: port }), 'http.hsts').status).toBe('pass');
  });
});

describe('http.headers', () => {
  it('passes with nosniff, CSP incl. frame-ancestors and Referrer-Policy', async () => {
    expect((await webCheck('http.headers', { headers: GOOD_HEADERS })).status).toBe('pass');
  });

  it('accepts X-Frame-Options instead of frame-ancestors', async () => {
    const headers = {
      ...GOOD_HEADERS,
      'content-security-policy': "default-src 'self'",
      'x-frame-options': 'SAMEORIGIN',
    };
    expect((await webCheck('http.headers', { headers })).status).toBe('pass');
  });

  it('fails low and names what is missing', async () => {
    const result = await webCheck('http.headers', {
      headers: { 'x-content-type-options': 'nosniff', 'referrer-policy': 'unsafe-url' },
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'low' });
    expect(result.evidence.missing).toEqual([
      'frame protection (CSP frame-ancestors or X-Frame-Options)',
      'Content-Security-Policy',
      'Referrer-Policy',
    ]);
  });

  it('does not count a report-only CSP', async () => {
    const headers = { ...GOOD_HEADERS } as Record<string, string>;
    delete headers['content-security-policy'];
    headers['content-security-policy-report-only'] = "default-src 'self'; frame-ancestors 'none'";
    const result = await webCheck('http.headers', { headers });
    expect(result.status).toBe('fail');
    expect(result.evidence.missing).toContain('Content-Security-Policy');
  });
});

describe('http.security-txt', () => {
  it('passes with Contact and Expires within a year', async () => {
    const result = await webCheck('http.security-txt', {
      routes: securityTxt(
        `# Kommune\nContact: mailto:security@kommune.test\nExpires: ${inDays(180)}\nPreferred-Languages: de, en\n`,
      ),
    });
    expect(result.status).toBe('pass');
    expect(result.evidence.contacts).toEqual(['mailto:security@kommune.test']);
  });

  it('fails low when missing (a 200 HTML page is not a security.txt)', async () => {
    expect(await webCheck('http.security-txt', {})).toMatchObject({ status: 'fail', severity: 'low' });
    const soft404 = await webCheck('http.security-txt', {
      routes: securityTxt('<html>Startseite</html>', 'text/html'),
    });
    expect(soft404).toMatchObject({ status: 'fail', severity: 'low' });
  });

  it('fails low when Expires is in the past', async () => {
    const result = await webCheck('http.security-txt', {
      routes: securityTxt(`Contact: https://kommune.test/kontakt\nExpires: ${inDays(-3)}\n`),
    });
    expect(result).toMatchObject({ status: 'fail', severity: 'low' });
    expect(JSON.stringify(result.evidence.problems)).toContain('in the past');
  });

  it('fails low without Contact', async () => {
    const result = await webCheck('http.security-txt', { routes: securityTxt(`Expires: ${inDays(30)}\n`) });
    expect(result.status).toBe('fail');
    expect(result.evidence.problems).toEqual(['no Contact field']);
  });

  it('warns when Expires is more than a year ahead', async () => {
    const result = await webCheck('http.security-txt', {
      routes: securityTxt(`Contact: mailto:csirt@kommune.test\nExpires: ${inDays(800)}\n`),
    });
    expect(result).toMatchObject({ status: 'warn', severity: 'info' });
  });

  it('reads a PGP-signed file', async () => {
    const body = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      'Contact: mailto:security@kommune.test',
      `Expires: ${inDays(100)}`,
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iQIzBAEBCAAdFiEE...',
      '-----END PGP SIGNATURE-----',
    ].join('\n');
    const result = await webCheck('http.security-txt', { routes: securityTxt(body) });
    expect(result.status).toBe('pass');
    expect(result.evidence.signed).toBe(true);
  });
});

describe('fetchSameHost', () => {
  it('never connects to another host named in Location', async () => {
    const seen: string[] = [];
    const port = await http({
      routes: { '/': { status: 302, headers: { location: 'http://127.0.0.2:1/' } } },
    });
    const result = await fetchSameHost(`http://127.0.0.1:${port}/`, {
      timeoutMs: 5000,
      portFor: (u) => {
        seen.push(u.host);
        return Number(u.port);
      },
    });
    expect(result.offHostLocation).toBe('http://127.0.0.2:1/');
    expect(seen).toEqual([`127.0.0.1:${port}`]);
  });
});
