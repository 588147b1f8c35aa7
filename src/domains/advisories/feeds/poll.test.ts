/**
 * Polling a CSAF provider served on 127.0.0.1: BSI's gocsaf test advisory with its real detached
 * signature and hashes, served through a provider-metadata.json and a ROLIE feed (and a
 * directory with changes.csv) that the test builds. Tampered bytes, a wrong key or a missing
 * signature of a trusted provider reject the document; everything else goes on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { safeFetch } from '../../../platform/outbound/safe-fetch.ts';
import { parseChangesCsv, parseRolieFeed } from './discovery.ts';
import { type FetchedDocument, type PollDependencies, pollProvider } from './poll.ts';

const DIR = fileURLToPath(new URL('../../../../../shared/reference/csaf/', import.meta.url));
const PROVIDER = `${DIR}gocsaf-rolie-provider/`;
const available = existsSync(`${PROVIDER}white/avendor-advisory-0004.json.asc`);
if (!available) console.warn(`CSAF feed tests skipped: ${PROVIDER} is absent`);

const read = (path: string) => readFileSync(path);

let server: Server;
let base: string;
/** path → body; tests change it between polls */
let files: Map<string, Buffer | string>;
let fingerprint: string;

function providerMetadata(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    canonical_url: `${base}/.well-known/csaf/provider-metadata.json`,
    metadata_version: '2.0',
    role: 'csaf_trusted_provider',
    publisher: { name: 'Example Vendor PSIRT', namespace: 'https://vendor.example', category: 'vendor' },
    distributions: [
      { rolie: { feeds: [{ url: `${base}/.well-known/csaf/feed-tlp-white.json`, tlp_label: 'WHITE' }] } },
    ],
    public_openpgp_keys: [{ fingerprint, url: `${base}/.well-known/csaf/openpgp/pubkey.asc` }],
    ...overrides,
  });
}

function rolieFeed(entries: { name: string; updated: string }[]) {
  return JSON.stringify({
    feed: {
      id: 'example-white',
      title: 'Example TLP:WHITE',
      updated: '2024-09-17T07:39:00Z',
      entry: entries.map((e) => ({
        id: e.name,
        updated: e.updated,
        content: { type: 'application/json', src: `${base}/.well-known/csaf/white/${e.name}` },
        // CISA's real feed writes "ref" where the profile says "rel": both are understood
        link: [
          { rel: 'self', href: `${base}/.well-known/csaf/white/${e.name}` },
          { ref: 'hash', href: `${base}/.well-known/csaf/white/${e.name}.sha512` },
          { rel: 'signature', href: `${base}/.well-known/csaf/white/${e.name}.asc` },
        ],
      })),
    },
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = files.get(request.url ?? '');
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (available) {
    const key = await openpgp.readKey({ armoredKey: read(`${PROVIDER}openpgp/pubkey.asc`).toString() });
    fingerprint = key.getFingerprint().toUpperCase();
  }
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function serveProvider(): void {
  files = new Map<string, Buffer | string>([
    ['/.well-known/csaf/provider-metadata.json', providerMetadata()],
    [
      '/.well-known/csaf/feed-tlp-white.json',
      rolieFeed([{ name: 'avendor-advisory-0004.json', updated: '2024-09-17T07:39:00Z' }]),
    ],
    ['/.well-known/csaf/openpgp/pubkey.asc', read(`${PROVIDER}openpgp/pubkey.asc`)],
  ]);
  for (const suffix of ['', '.asc', '.sha512', '.sha256']) {
    files.set(
      `/.well-known/csaf/white/avendor-advisory-0004.json${suffix}`,
      read(`${PROVIDER}white/avendor-advisory-0004.json${suffix}`),
    );
  }
}

/** In-memory stand-ins for the database side, so the poll's own decisions are what is tested. */
function deps() {
  const handled = new Map<string, string | null>();
  const imported: FetchedDocument[] = [];
  const recorded: Parameters<PollDependencies['recordEntry']>[0][] = [];
  const d: PollDependencies = {
    fetch: (url) =>
      safeFetch(url, { allowedHosts: ['127.0.0.1'], allowHttp: true, allowPrivateNetworks: true }),
    alreadyHandled: async (url, updated) => handled.has(url) && handled.get(url) === updated,
    importDocument: async (document) => {
      imported.push(document);
      return { outcome: 'imported', advisoryId: `advisory-${imported.length}` };
    },
    recordEntry: async (entry) => {
      recorded.push(entry);
      handled.set(entry.documentUrl, entry.updated);
    },
  };
  return { d, imported, recorded };
}

describe.runIf(available)('polling a CSAF provider on loopback', () => {
  beforeEach(serveProvider);

  it('imports the signed advisory with hash and signature valid, then skips it until it changes', async () => {
    const { d, imported } = deps();
    const url = `${base}/.well-known/csaf/provider-metadata.json`;
    const first = await pollProvider(url, d);
    expect(first).toMatchObject({
      publisher: 'Example Vendor PSIRT',
      sources: 1,
      entries: 1,
      imported: 1,
      rejected: [],
      errors: [],
    });
    expect(imported[0]).toMatchObject({ hash: 'valid', signature: 'valid' });
    expect(imported[0]?.bytes.equals(read(`${PROVIDER}white/avendor-advisory-0004.json`))).toBe(true);

    expect(await pollProvider(url, d)).toMatchObject({ imported: 0, skipped: 1 });
    files.set(
      '/.well-known/csaf/feed-tlp-white.json',
      rolieFeed([{ name: 'avendor-advisory-0004.json', updated: '2024-10-01T00:00:00Z' }]),
    );
    expect(await pollProvider(url, d)).toMatchObject({ imported: 1, skipped: 0 });
  });

  it('rejects tampered bytes (hash), a signature of an unlisted key, and a trusted provider without signature', async () => {
    const url = `${base}/.well-known/csaf/provider-metadata.json`;
    const original = read(`${PROVIDER}white/avendor-advisory-0004.json`);
    const tampered = Buffer.concat([original, Buffer.from(' ')]);
    files.set('/.well-known/csaf/white/avendor-advisory-0004.json', tampered);
    let run = deps();
    let report = await pollProvider(url, run.d);
    expect(report.imported).toBe(0);
    expect(report.rejected[0]?.reason).toMatch(/sha512-Wert stimmt nicht/);
    expect(run.recorded[0]).toMatchObject({ outcome: 'rejected' });

    serveProvider();
    const other = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'x@example.test' }],
      format: 'armored',
    });
    files.set(
      '/.well-known/csaf/provider-metadata.json',
      providerMetadata({
        public_openpgp_keys: [
          {
            fingerprint: (await openpgp.readKey({ armoredKey: other.publicKey })).getFingerprint(),
            url: `${base}/other.asc`,
          },
        ],
      }),
    );
    files.set('/other.asc', other.publicKey);
    run = deps();
    report = await pollProvider(url, run.d);
    expect(report.rejected[0]?.reason).toMatch(/Signatur passt nicht/);

    serveProvider();
    files.delete('/.well-known/csaf/white/avendor-advisory-0004.json.asc');
    run = deps();
    report = await pollProvider(url, run.d);
    expect(report.rejected[0]?.reason).toMatch(/muss jedes Dokument signieren/);
  });

  it('a key file whose fingerprint is not the listed one is not trusted', async () => {
    files.set(
      '/.well-known/csaf/provider-metadata.json',
      providerMetadata({
        public_openpgp_keys: [
          { fingerprint: 'A'.repeat(40), url: `${base}/.well-known/csaf/openpgp/pubkey.asc` },
        ],
      }),
    );
    const { d } = deps();
    const report = await pollProvider(`${base}/.well-known/csaf/provider-metadata.json`, d);
    expect(report.errors.map((e) => e.reason).join(' ')).toMatch(/nicht in provider-metadata.json gelistet/);
    expect(report.rejected[0]?.reason).toMatch(/kein gelisteter Schlüssel/);
  });

  it('reads a directory distribution through changes.csv; a csaf_provider may publish unsigned', async () => {
    files.set(
      '/.well-known/csaf/provider-metadata.json',
      providerMetadata({
        role: 'csaf_provider',
        distributions: [{ directory_url: `${base}/.well-known/csaf/white/` }],
      }),
    );
    files.set(
      '/.well-known/csaf/white/changes.csv',
      '"avendor-advisory-0004.json","2024-09-17T07:39:00+00:00"\n"../../escape.json","2024-01-01T00:00:00Z"\n',
    );
    files.delete('/.well-known/csaf/white/avendor-advisory-0004.json.asc');
    const { d, imported } = deps();
    const report = await pollProvider(`${base}/.well-known/csaf/provider-metadata.json`, d);
    expect(report).toMatchObject({ entries: 1, imported: 1 });
    expect(imported[0]).toMatchObject({ hash: 'valid', signature: 'absent' });
  });

  it('a feed that cannot be read is reported and the poll goes on; bad metadata stops it with a clear message', async () => {
    files.set('/.well-known/csaf/feed-tlp-white.json', '{"feed": ');
    const { d } = deps();
    const report = await pollProvider(`${base}/.well-known/csaf/provider-metadata.json`, d);
    expect(report.errors[0]?.reason).toMatch(/kein gültiges JSON/);
    files.set('/.well-known/csaf/provider-metadata.json', '{"role":"csaf_provider"}');
    await expect(pollProvider(`${base}/.well-known/csaf/provider-metadata.json`, d)).rejects.toThrow(
      /provider-metadata.json ist ungültig/,
    );
  });
});

describe('feed documents', () => {
  it('reads the real CISA ROLIE feed (hash and signature links under "ref")', () => {
    const path = `${DIR}cisa/cisa-csaf-it-feed-tlp-white.json`;
    if (!existsSync(path)) return;
    const entries = parseRolieFeed(
      read(path),
      'https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/IT/white/',
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.hashUrl?.endsWith('.sha512') && e.signatureUrl?.endsWith('.asc'))).toBe(
      true,
    );
  });

  it('changes.csv paths that leave the directory are ignored', () => {
    const entries = parseChangesCsv(
      '"2024/a.json","2024-01-01T00:00:00Z"\n"/etc/b.json","x"\n"https://evil.example/c.json","x"\n',
      'https://p.example/csaf/white/',
    );
    expect(entries.map((e) => e.documentUrl)).toEqual(['https://p.example/csaf/white/2024/a.json']);
  });
});
