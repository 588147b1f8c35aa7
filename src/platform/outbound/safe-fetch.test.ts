/** The SSRF guard, against HTTP servers on 127.0.0.1 only. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed, isBlockedAddress, OutboundError, safeFetch } from './safe-fetch.ts';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/redirect-out') {
      response.writeHead(302, { location: 'https://elsewhere.example.org/x' }).end();
    } else if (request.url === '/redirect-in') {
      response.writeHead(302, { location: '/ok' }).end();
    } else if (request.url === '/big') {
      response.writeHead(200);
      response.end(Buffer.alloc(5000, 97));
    } else if (request.url === '/slow') {
      setTimeout(() => response.end('late'), 2000);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const loopback = { allowedHosts: ['127.0.0.1', 'localhost'], allowHttp: true, allowPrivateNetworks: true };

async function refusal(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

describe('address ranges', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.178.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['not-an-ip', true],
    ['93.184.216.34', false],
    ['2a00:1450:4001:80b::200e', false],
  ])('%s blocked: %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  it('allow list: exact names and *.suffix', () => {
    expect(hostAllowed('wid.cert-bund.de', ['wid.cert-bund.de'])).toBe(true);
    expect(hostAllowed('WID.cert-bund.de.', ['wid.cert-bund.de'])).toBe(true);
    expect(hostAllowed('evil-wid.cert-bund.de', ['wid.cert-bund.de'])).toBe(false);
    expect(hostAllowed('a.cert.example', ['*.cert.example'])).toBe(true);
    expect(hostAllowed('cert.example', ['*.cert.example'])).toBe(false);
    expect(hostAllowed('xcert.example', ['*.cert.example'])).toBe(false);
  });
});

describe('safeFetch', () => {
  it('fetches from an allowed loopback server when the test policy allows it', async () => {
    const response = await safeFetch(`${base}/ok`, loopback);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
  });

  it('refuses plain http, hosts outside the list, loopback literals and names resolving to loopback', async () => {
    expect((await refusal(safeFetch(`${base}/ok`, { allowedHosts: ['127.0.0.1'] }))).reason).toBe('scheme');
    expect((await refusal(safeFetch('https://example.org/', { allowedHosts: ['example.com'] }))).reason).toBe(
      'host',
    );
    const literal = await refusal(safeFetch(`${base}/ok`, { allowedHosts: ['127.0.0.1'], allowHttp: true }));
    expect(literal.reason).toBe('address');
    const port = new URL(base).port;
    const named = await refusal(
      safeFetch(`http://localhost:${port}/ok`, { allowedHosts: ['localhost'], allowHttp: true }),
    );
    expect(named.reason).toBe('address');
    expect(named.message).toMatch(/nicht öffentliche Adresse/);
    expect((await refusal(safeFetch('http://user:pw@127.0.0.1/', loopback))).reason).toBe('scheme');
  });

  it('checks every redirect hop', async () => {
    expect((await safeFetch(`${base}/redirect-in`, loopback)).url).toBe(`${base}/ok`);
    expect((await refusal(safeFetch(`${base}/redirect-out`, loopback))).reason).toBe('host');
    expect((await refusal(safeFetch(`${base}/redirect-in`, { ...loopback, maxRedirects: 0 }))).reason).toBe(
      'redirects',
    );
  });

  it('bounds size and time', async () => {
    expect((await refusal(safeFetch(`${base}/big`, { ...loopback, maxBytes: 1000 }))).reason).toBe('size');
    expect((await refusal(safeFetch(`${base}/slow`, { ...loopback, timeoutMs: 200 }))).reason).toBe(
      'timeout',
    );
  });
});
