/**
 * The CERT's CSAF providers through the API: register, poll a provider served on 127.0.0.1 (only
 * with the lab switch BASTEI_CSAF_ALLOW_PRIVATE), see the imported advisory, skip it on the next
 * poll, read the entries; without the switch the guard refuses the loopback address.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers.ts';
import { loadCsafValidator } from '../csaf/validate.ts';
import { pollAllFeedProviders } from './worker.ts';

const PROVIDER = fileURLToPath(
  new URL('../../../../../shared/reference/csaf/gocsaf-rolie-provider/', import.meta.url),
);
const available = existsSync(`${PROVIDER}white/avendor-advisory-0004.json.asc`);
if (!available) console.warn(`CSAF feed API tests skipped: ${PROVIDER} is absent`);

let server: Server;
let base: string;
const files = new Map<string, Buffer | string>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = files.get(request.url ?? '');
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!available) return;
  // the library takes seconds to import (more on a busy machine): not inside the poll's time limit
  await loadCsafValidator();
  const pubkey = readFileSync(`${PROVIDER}openpgp/pubkey.asc`);
  const fingerprint = (await openpgp.readKey({ armoredKey: pubkey.toString() }))
    .getFingerprint()
    .toUpperCase();
  const doc = `${base}/.well-known/csaf/white/avendor-advisory-0004.json`;
  files.set(
    '/.well-known/csaf/provider-metadata.json',
    JSON.stringify({
      canonical_url: `${base}/.well-known/csaf/provider-metadata.json`,
      metadata_version: '2.0',
      role: 'csaf_trusted_provider',
      publisher: { name: 'Example Vendor PSIRT', namespace: 'https://vendor.example', category: 'vendor' },
      distributions: [
        { rolie: { feeds: [{ url: `${base}/.well-known/csaf/feed.json`, tlp_label: 'WHITE' }] } },
      ],
      public_openpgp_keys: [{ fingerprint, url: `${base}/.well-known/csaf/openpgp/pubkey.asc` }],
    }),
  );
  files.set(
    '/.well-known/csaf/feed.json',
    JSON.stringify({
      feed: {
        id: 'white',
        entry: [
          {
            updated: '2024-09-17T07:39:00Z',
            content: { src: doc },
            link: [
              { rel: 'self', href: doc },
              { rel: 'hash', href: `${doc}.sha512` },
              { rel: 'signature', href: `${doc}.asc` },
            ],
          },
        ],
      },
    }),
  );
  files.set('/.well-known/csaf/openpgp/pubkey.asc', pubkey);
  for (const suffix of ['', '.asc', '.sha512']) {
    files.set(
      `/.well-known/csaf/white/avendor-advisory-0004.json${suffix}`,
      readFileSync(`${PROVIDER}white/avendor-advisory-0004.json${suffix}`),
    );
  }
}, 120_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.runIf(available)('CSAF providers through the API (lab switch on)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BASTEI_CSAF_ALLOW_PRIVATE: 'true' });
  });
  afterAll(() => t.close());

  it('the CERT registers and polls a provider; the advisory is imported once', async () => {
    const cert = await t.as('cert');
    const url = `${base}/.well-known/csaf/provider-metadata.json`;
    const created = await cert.post('/api/v1/advisory-feeds', { url });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await cert.post('/api/v1/advisory-feeds', { url })).statusCode).toBe(409);

    const first = await cert.post(`/api/v1/advisory-feeds/${id}/poll`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      publisher: 'Example Vendor PSIRT',
      imported: 1,
      rejected: [],
      errors: [],
    });
    const advisories = (await cert.get('/api/v1/advisories?limit=100')).json() as {
      items: { trackingId: string }[];
    };
    expect(advisories.items.map((a) => a.trackingId)).toContain('Avendor-advisory-0004');

    const again = (await cert.post(`/api/v1/advisory-feeds/${id}/poll`)).json();
    expect(again).toMatchObject({ imported: 0, skipped: 1 });
    const entries = (await cert.get(`/api/v1/advisory-feeds/${id}/entries`)).json() as {
      items: { outcome: string; detail: string }[];
    };
    expect(entries.items).toHaveLength(1);
    expect(entries.items[0]).toMatchObject({ outcome: 'imported', detail: 'hash valid, signature valid' });
    const list = (await cert.get('/api/v1/advisory-feeds')).json() as {
      items: { lastReport: { imported: number } }[];
    };
    expect(list.items[0]?.lastReport.imported).toBe(0);
  });

  it('the hourly job polls every enabled provider as the system', async () => {
    const reports = await pollAllFeedProviders(t.database, t.config);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ imported: 0, skipped: 1, errors: [] });
  });

  it('a Kommune may not see or manage providers', async () => {
    const isb = await t.as('isb.halberstadt');
    expect(
      (await isb.post('/api/v1/advisory-feeds', { url: 'https://csaf.example.org/x.json' })).statusCode,
    ).toBe(403);
    expect((await isb.get('/api/v1/advisory-feeds')).json()).toEqual({ items: [] });
  });
});

describe('CSAF providers through the API (default configuration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses http, and a poll of a loopback address is refused by the guard and reported', async () => {
    const cert = await t.as('cert');
    const http = await cert.post('/api/v1/advisory-feeds', {
      url: `${base}/.well-known/csaf/provider-metadata.json`,
    });
    expect(http.statusCode).toBe(400);
    expect(http.json().detail).toMatch(/nur über https/);
    const created = await cert.post('/api/v1/advisory-feeds', {
      url: 'https://127.0.0.1:9/provider-metadata.json',
    });
    const report = (await cert.post(`/api/v1/advisory-feeds/${created.json().id}/poll`)).json();
    expect(report.imported).toBe(0);
    expect(report.errors[0].reason).toMatch(/keine öffentliche Adresse/);
  });
});
