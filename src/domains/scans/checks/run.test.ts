/**
 * End to end: a well-configured and a badly configured Kommune on loopback, every check id
 * seen passing and failing, target validation, and the mapping onto the import finding model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../imports/finding.ts';
import { CHECK_CATALOG, listCheckDefinitions } from './catalog.ts';
import { InvalidScanTargetError, runChecks, runChecksMany, toImportedFindings } from './run.ts';
import {
  allPortsOff,
  createPki,
  type KommuneFixture,
  type Pki,
  type RunningServer,
  startDnsServer,
  startGoodKommune,
  startHttpServer,
  startHttpsServer,
  startSmtpServer,
  startTcpServer,
} from './test-support.ts';
import { CHECK_IDS, type CheckResult, type RunOptions } from './types.ts';

let pki: Pki;
let good: KommuneFixture;
const servers: RunningServer[] = [];
const closers: (() => Promise<void>)[] = [];
let badOptions: RunOptions;

beforeAll(async () => {
  pki = await createPki();
  good = await startGoodKommune(pki);
  // The bad Kommune: every rule broken that can be broken while HTTPS still answers.
  const [httpsBad, httpBad, smtpPlain, rdp] = await Promise.all([
    startHttpsServer({
      key: pki.key1024,
      cert: pki.certs.terrible,
      minVersion: 'TLSv1',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:NULL-SHA256:AES128-SHA:@SECLEVEL=0',
      routes: {
        '/.well-known/security.txt': {
          status: 200,
          headers: { 'content-type': 'text/plain' },
          body: 'Expires: 2020-01-01T00:00:00Z\n',
        },
      },
    }),
    startHttpServer({}),
    startSmtpServer({ starttls: false, hostname: 'mx.schlecht.test' }),
    startTcpServer(),
  ]);
  servers.push(httpsBad, httpBad, smtpPlain, rdp);
  const dns = await startDnsServer({
    zone: {
      'schlecht.test': [
        { type: 'A', data: '127.0.0.1' },
        { type: 'MX', data: { exchange: 'mx.schlecht.test', preference: 10 } },
        { type: 'TXT', data: 'v=spf1 a mx +all' },
        { type: 'SOA', data: { mname: 'ns.schlecht.test', rname: 'h.schlecht.test', serial: 1 } },
      ],
      'mx.schlecht.test': [{ type: 'A', data: '127.0.0.1' }],
      '_dmarc.schlecht.test': [{ type: 'TXT', data: 'v=DMARC1; p=none' }],
    },
  });
  closers.push(() => dns.close());
  badOptions = {
    resolver: dns.resolver,
    validatingResolver: true,
    caCertificates: [pki.ca],
    timeoutMs: 8000,
    ports: { ...allPortsOff(), 443: httpsBad.port, 80: httpBad.port, 25: smtpPlain.port, 3389: rdp.port },
  };
}, 90_000);

afterAll(async () => {
  await good?.close();
  await Promise.all([...servers.map((s) => s.close()), ...closers.map((c) => c())]);
  await pki?.cleanup();
});

function statusById(results: readonly CheckResult[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of results) {
    out[r.checkId] = [...(out[r.checkId] ?? []), r.status];
  }
  return out;
}

describe('runChecks end to end', () => {
  it('a well-configured Kommune passes every check', async () => {
    const [domain, host] = await Promise.all([
      runChecks({ domain: good.domain }, good.options),
      runChecks({ host: '127.0.0.1' }, good.options),
    ]);
    const statuses = statusById([...domain, ...host]);
    for (const id of CHECK_IDS) {
      expect.soft(statuses[id], id).toBeDefined();
      expect
        .soft(
          statuses[id]?.every((s) => s === 'pass'),
          `${id}: ${statuses[id]}`,
        )
        .toBe(true);
    }
    // The web part ran on https://kommune.test/ and the TLS part on both HTTPS and SMTP.
    expect(statuses['tls.protocols']).toHaveLength(3);
    expect(toImportedFindings([...domain, ...host])).toEqual([]);
  });

  it('a badly configured Kommune fails every check except https.available', async () => {
    const [domain, host] = await Promise.all([
      runChecks({ domain: 'schlecht.test' }, badOptions),
      runChecks({ host: 'schlecht.test' }, badOptions),
    ]);
    const statuses = statusById([...domain, ...host]);
    expect(statuses['https.available']).toEqual(['pass']);
    for (const id of CHECK_IDS.filter((i) => i !== 'https.available')) {
      expect.soft(statuses[id], id).toBeDefined();
      expect.soft(statuses[id]?.includes('fail'), `${id}: ${statuses[id]}`).toBe(true);
    }
    const byId = (id: string) => [...domain, ...host].find((r) => r.checkId === id && r.status === 'fail')!;
    expect(byId('tls.cert.trust').severity).toBe('high');
    expect(byId('tls.cert.key').severity).toBe('high');
    expect(byId('tls.cert.signature').severity).toBe('high');
    expect(byId('tls.cert.expiry').severity).toBe('high');
    expect(byId('tls.protocols').severity).toBe('high');
    expect(byId('tls.ciphers').severity).toBe('high');
    expect(byId('exposure.service')).toMatchObject({ severity: 'high', target: { service: 'rdp' } });
    expect(byId('dns.dnssec').severity).toBe('medium');
  });

  it('resolves names through the given resolver only', async () => {
    const before = good.dns.queries.length;
    const results = await runChecks({ url: `https://${good.domain}/` }, good.options);
    expect(results.find((r) => r.checkId === 'https.available')?.status).toBe('pass');
    expect(good.dns.queries.slice(before).map((q) => `${q.name} ${q.type}`)).toEqual([`${good.domain} A`]);
  });

  it('completes with a per-target concurrency of 1 (no nested waits)', async () => {
    const results = await runChecks({ url: `https://${good.domain}/` }, { ...good.options, concurrency: 1 });
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
  });

  it('reports an unresolvable name as errors, not exceptions', async () => {
    const results = await runChecks({ url: 'https://gibtsnicht.kommune.test/' }, good.options);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.status === 'error')).toBe(true);
    expect(String(results[0]!.evidence.reason)).toContain('does not resolve');
  });

  it('runs many targets with a concurrency limit', async () => {
    const runs = await runChecksMany(
      [{ host: '127.0.0.1' }, { url: `https://${good.domain}/` }, { host: 'gibtsnicht.kommune.test' }],
      good.options,
      2,
    );
    expect(runs.map((r) => r.results.length > 0)).toEqual([true, true, true]);
    expect(runs[2]!.results[0]!.status).toBe('error');
  });

  it('rejects malformed targets', async () => {
    for (const target of [
      { url: 'ftp://kommune.test/' },
      { url: 'not a url' },
      { host: 'bad host name' },
      { domain: '127.0.0.1' },
      { domain: 'x'.repeat(300) },
      { host: 'a.test', domain: 'a.test' },
      {},
    ]) {
      await expect(runChecks(target as never, good.options), JSON.stringify(target)).rejects.toBeInstanceOf(
        InvalidScanTargetError,
      );
    }
  });
});

describe('toImportedFindings', () => {
  it('maps failures onto the finding model with source bastei', async () => {
    const results = await runChecks({ domain: 'schlecht.test' }, badOptions);
    const findings = toImportedFindings(results);
    expect(findings.length).toBe(results.filter((r) => r.status === 'fail').length);
    const spf = findings.find((f) => f.checkId === 'mail.spf')!;
    expect(spf).toMatchObject({
      host: 'schlecht.test',
      hostname: 'schlecht.test',
      checkId: 'mail.spf',
      severity: 'medium',
      source: 'bastei',
      cves: [],
      title: 'SPF-Eintrag',
    });
    expect(spf.port).toBeUndefined();
    expect(spf.references[0]).toBe('BSI Grundschutz++ KONF.13.2.1');
    expect(JSON.parse(spf.evidence!)).toMatchObject({ all: '+' });
    const starttls = findings.find((f) => f.checkId === 'mail.starttls')!;
    expect(starttls).toMatchObject({ host: 'mx.schlecht.test', protocol: 'tcp', service: 'smtp' });
    expect(starttls.port).toBeTypeOf('number');
    for (const finding of findings) expect(SEVERITIES).toContain(finding.severity);
    const english = toImportedFindings(results, { locale: 'en' });
    expect(english.find((f) => f.checkId === 'mail.spf')?.title).toBe('SPF record');
  });

  it('includes warnings only when asked, and sets ip for address targets', () => {
    const base = { observedAt: new Date().toISOString(), summary: { de: 'x', en: 'x' }, evidence: {} };
    const results: CheckResult[] = [
      {
        ...base,
        checkId: 'tls.ciphers',
        target: { host: '192.0.2.10', port: 443, service: 'https' },
        status: 'warn',
        severity: 'info',
      },
      {
        ...base,
        checkId: 'tls.protocols',
        target: { host: '192.0.2.10', port: 443, service: 'https' },
        status: 'pass',
        severity: 'high',
      },
    ];
    expect(toImportedFindings(results)).toEqual([]);
    const [warn] = toImportedFindings(results, { includeWarnings: true });
    expect(warn).toMatchObject({ host: '192.0.2.10', ip: '192.0.2.10', port: 443, severity: 'info' });
    expect(warn!.hostname).toBeUndefined();
  });
});

describe('catalog', () => {
  it('defines every check id once, with German and English texts and a reference', () => {
    const definitions = listCheckDefinitions();
    expect(definitions.map((d) => d.id).sort()).toEqual([...CHECK_IDS].sort());
    expect(CHECK_CATALOG.size).toBe(CHECK_IDS.length);
    for (const d of definitions) {
      for (const field of [d.title, d.rationale, d.remediation]) {
        expect(field.de.length, d.id).toBeGreaterThan(5);
        expect(field.en.length, d.id).toBeGreaterThan(5);
      }
      // Titles may coincide (HSTS); rationale and remediation are written in each language.
      expect(d.rationale.de, d.id).not.toBe(d.rationale.en);
      expect(d.remediation.de, d.id).not.toBe(d.remediation.en);
      expect(d.reference, d.id).toMatch(/^(BSI |RFC )/);
      expect(d.ratings.length, d.id).toBeGreaterThan(0);
      if (d.validUntil) expect(d.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('cites TR-02102-2 for the TLS rules', () => {
    for (const id of ['tls.protocols', 'tls.ciphers', 'tls.cert.key'] as const) {
      expect(CHECK_CATALOG.get(id)!.reference).toMatch(/^BSI TR-02102-2 \(2025-01\), 3\./);
    }
  });
});
