/**
 * Findings through the HTTP API: lifecycle (created → fixed → reopened, accepted, expiry),
 * permissions of accept/reopen, traffic light and trend, findings → measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/helpers.ts';
import { organisationIdByArs } from '../../assessments/test-support.ts';
import { PILOT_ARS } from '../../demo/seed.ts';
import { verifiedAssessment } from '../../measures/test-support.ts';
import { greenboneReport, isoDay, testsslReport } from './test-support.ts';

let t: TestApp;
let isb: TestClient;
let orgId: string;
const HOST = 'www.halberstadt.example';
const A = testsslReport(HOST, 443, [
  ['cipher_negotiated', 'HIGH', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  ['HSTS', 'MEDIUM', 'not offered'],
  ['cert_chain_of_trust', 'LOW', 'self signed'],
  ['banner_server', 'INFO', 'Apache'],
]);
const B = testsslReport(HOST, 443, [
  ['HSTS', 'MEDIUM', 'not offered'],
  ['cert_chain_of_trust', 'LOW', 'self signed'],
  ['banner_server', 'INFO', 'Apache'],
]);

beforeAll(async () => {
  t = await createTestApp();
  isb = await t.as('isb.halberstadt');
  orgId = await organisationIdByArs(t.database.db, PILOT_ARS.halberstadt);
});
afterAll(() => t.close());

const upload = (client: TestClient, body: string, org = orgId, query = 'filename=report.json') =>
  client.request('POST', `/api/v1/organisations/${org}/scan-imports?${query}`, body, {
    'content-type': 'application/octet-stream',
  });
type F = {
  id: string;
  checkId: string;
  state: string;
  severity: string;
  acceptance: { expired: boolean } | null;
};
const findings = async (query = '') => {
  const r = await isb.get(`/api/v1/scan-findings?organisationId=${orgId}&limit=500${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as F[];
};
const byCheck = async (check: string) => {
  const found = (await findings()).find((f) => f.checkId === check);
  if (!found) throw new Error(`no finding ${check}`);
  return found;
};
const status = async (client = isb) => {
  const r = await client.get(`/api/v1/organisations/${orgId}/scan-status?days=3`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('scan findings', () => {
  it('shows grey before the first scan', async () => {
    expect((await status()).light).toBe('grey');
  });

  it('imports a report: creates findings and assets, light red', async () => {
    const r = await upload(isb, A);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      format: 'testssl',
      findingsCount: 4,
      created: 4,
      fixed: 0,
      open: { high: 1, medium: 1, low: 1, info: 1 },
      fileName: 'report.json',
    });
    expect(r.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const assets = await t.database.db
      .selectFrom('assets')
      .select(['kind', 'name', 'port'])
      .where('organisation_id', '=', orgId)
      .where('name', '=', HOST)
      .execute();
    expect(assets.map((a) => a.kind).sort()).toEqual(['host', 'service']);
    expect((await status()).light).toBe('red');
  });

  it('re-importing the same report changes nothing but last_seen', async () => {
    const r = await upload(isb, A);
    expect(r.json()).toMatchObject({ created: 0, unchanged: 4, fixed: 0, reopened: 0 });
    expect(await findings()).toHaveLength(4);
  });

  it('filters by state, severity, host, source and check', async () => {
    expect(await findings('&severity=high')).toHaveLength(1);
    expect(await findings(`&host=${HOST.toUpperCase()}`)).toHaveLength(4);
    expect(await findings('&source=greenbone')).toHaveLength(0);
    expect(await findings('&check=HSTS')).toHaveLength(1);
    expect(await findings('&state=fixed')).toHaveLength(0);
    const bad = await isb.get('/api/v1/scan-findings?severity=critical');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('sets a finding fixed when a later scan of the same host:port no longer reports it', async () => {
    const r = await upload(isb, B);
    expect(r.json()).toMatchObject({ created: 0, fixed: 1, unchanged: 3, open: { high: 0, medium: 1 } });
    const high = await byCheck('cipher_negotiated');
    expect(high.state).toBe('fixed');
    expect((await status()).light).toBe('orange');
  });

  it('does not fix findings outside the coverage or of another scanner', async () => {
    // Another port of the same host: testssl covered only 8443 there.
    const other = await upload(isb, testsslReport(HOST, 8443, []));
    expect(other.json()).toMatchObject({ fixed: 0 });
    // A Greenbone scan of the whole host says nothing about testssl's findings.
    const gvm = await upload(
      isb,
      greenboneReport([{ host: HOST, oid: '1.3.6.1.4.1.25623.1.0.99', name: 'Test', severity: 2 }]),
    );
    expect(gvm.json()).toMatchObject({ format: 'greenbone', created: 1, fixed: 0 });
    expect((await findings('&state=open')).filter((f) => f.severity === 'medium')).toHaveLength(1);
  });

  it('reopens a fixed finding that shows up again', async () => {
    const r = await upload(isb, A);
    expect(r.json()).toMatchObject({ reopened: 1, created: 0 });
    const high = await byCheck('cipher_negotiated');
    expect(high.state).toBe('open');
    const detail = (await isb.get(`/api/v1/scan-findings/${high.id}`)).json();
    expect(detail.history.map((h: { toState: string }) => h.toState)).toEqual(['open', 'fixed', 'open']);
    expect(detail.history[1].reason).toContain('Nicht mehr gefunden');
    expect(detail.history[1].importLabel).toBe('report.json');
  });

  it('accepts a risk with reason and expiry (ISB), and refuses bad input and other roles', async () => {
    const medium = await byCheck('HSTS');
    const url = `/api/v1/scan-findings/${medium.id}/accept`;
    const tooLate = await isb.post(url, { reason: 'Altsystem, Ablösung geplant', expiresOn: isoDay(400) });
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().detail).toContain('höchstens ein Jahr');
    const past = await isb.post(url, { reason: 'Altsystem, Ablösung geplant', expiresOn: isoDay(-1) });
    expect(past.statusCode).toBe(400);
    const short = await isb.post(url, { reason: 'kurz', expiresOn: isoDay(30) });
    expect(short.statusCode).toBe(400);
    const extra = await isb.post(url, {
      reason: 'Altsystem, Ablösung geplant',
      expiresOn: isoDay(30),
      state: 'x',
    });
    expect(extra.statusCode).toBe(400);
    const auditor = await (await t.as('pruefer')).post(url, {
      reason: 'Prüfer akzeptiert',
      expiresOn: isoDay(30),
    });
    expect(auditor.statusCode).toBe(403);
    const stranger = await (await t.as('isb.salzlandkreis')).post(url, {
      reason: 'Fremde Kommune',
      expiresOn: isoDay(30),
    });
    expect(stranger.statusCode).toBe(404);
    const ok = await isb.post(url, { reason: 'Altsystem, Ablösung bis Q3 geplant', expiresOn: isoDay(365) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'accepted',
      acceptance: { reason: 'Altsystem, Ablösung bis Q3 geplant' },
    });
    expect((await status()).light).toBe('red'); // the high one is still open
    const ministry = await t.as('ministerium');
    const high = await byCheck('cipher_negotiated');
    const byMinistry = await ministry.post(`/api/v1/scan-findings/${high.id}/accept`, {
      reason: 'Kompensiert durch vorgeschaltetes Gateway',
      expiresOn: isoDay(90),
    });
    expect(byMinistry.statusCode, byMinistry.body).toBe(200);
    const s = await status();
    expect(s).toMatchObject({ light: 'green', accepted: 2, open: { high: 0, medium: 0 } });
    // Still accepted after the next scan that reports it.
    expect((await upload(isb, A)).json()).toMatchObject({ reopened: 0, fixed: 0 });
    expect((await byCheck('HSTS')).state).toBe('accepted');
  });

  it('reopens an acceptance on request (and refuses reopening an open finding)', async () => {
    const high = await byCheck('cipher_negotiated');
    const r = await isb.post(`/api/v1/scan-findings/${high.id}/reopen`, {
      reason: 'Gateway doch nicht aktiv',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('open');
    const again = await isb.post(`/api/v1/scan-findings/${high.id}/reopen`, { reason: 'nochmal' });
    expect(again.statusCode).toBe(409);
  });

  it('treats a lapsed acceptance as open at once and writes the expiry at the next scan', async () => {
    const medium = await byCheck('HSTS');
    expect(medium.state).toBe('accepted');
    // Let the acceptance lapse right after it was given (as if its expiry had come).
    const before = (await isb.get(`/api/v1/scan-findings/${medium.id}`)).json();
    const acceptedAt = Date.parse(
      before.history.findLast((h: { toState: string }) => h.toState === 'accepted').changedAt,
    );
    await t.database.db
      .updateTable('scan_findings')
      .set({ accepted_until: new Date(acceptedAt + 1) })
      .where('id', '=', medium.id)
      .execute();
    const lapsed = await byCheck('HSTS');
    expect(lapsed).toMatchObject({ state: 'open', acceptance: { expired: true } });
    expect((await status()).open.medium).toBe(1);
    const r = await upload(isb, A);
    expect(r.json()).toMatchObject({ expired: 1 });
    const detail = (await isb.get(`/api/v1/scan-findings/${medium.id}`)).json();
    expect(detail.state).toBe('open');
    expect(detail.acceptance).toBeNull();
    expect(detail.history.at(-1)).toMatchObject({
      fromState: 'accepted',
      toState: 'open',
      changedBy: 'system:acceptance-expiry',
      changedAt: new Date(acceptedAt + 1).toISOString(),
    });
  });

  it('refuses to accept a fixed finding (409)', async () => {
    await upload(isb, B);
    const high = await byCheck('cipher_negotiated');
    expect(high.state).toBe('fixed');
    const r = await isb.post(`/api/v1/scan-findings/${high.id}/accept`, {
      reason: 'Schon behoben, trotzdem akzeptieren',
      expiresOn: isoDay(30),
    });
    expect(r.statusCode).toBe(409);
  });

  it('reports the daily trend and the imports from the history', async () => {
    const s = await status();
    expect(s.trend).toHaveLength(3);
    expect(s.trend.at(-1)).toMatchObject(s.open);
    expect(s.imports.length).toBeGreaterThanOrEqual(8);
    expect(s.imports.at(-1).open).toEqual(s.open);
  });

  it('lists the light of every Kommune in scope for the state overview', async () => {
    const ministry = await t.as('ministerium');
    const r = await ministry.get('/api/v1/scan-status');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    const halberstadt = body.items.find((i: { organisationId: string }) => i.organisationId === orgId);
    expect(halberstadt.light).toBe('orange');
    expect(body.totals.grey).toBe(
      body.items.length - body.totals.red - body.totals.orange - body.totals.green,
    );
    const own = (await isb.get('/api/v1/scan-status')).json();
    expect(own.items.map((i: { organisationId: string }) => i.organisationId)).toEqual([orgId]);
    expect((await (await t.as('bsi')).get('/api/v1/scan-status')).statusCode).toBe(403);
  });
});

describe('findings → measures', () => {
  type Source = { kind: string; id: string; resolvedAt?: string; resolution?: string };
  type M = { id: string; title: string; priority: number; sources: Source[] };
  let assessmentId: string;

  it('turns open high/medium findings into measures when the package is generated', async () => {
    // One open medium (HSTS) at this point; the high one is fixed.
    const v = await verifiedAssessment(t);
    assessmentId = v.id;
    const generated = await v.auditor.post(`/api/v1/assessments/${v.id}/measures/generate`);
    expect(generated.statusCode, generated.body).toBe(200);
    const items = generated.json().items as M[];
    const fromFindings = items.filter((m) => m.sources.some((s) => s.kind === 'finding'));
    expect(fromFindings).toHaveLength(1);
    expect(fromFindings[0]).toMatchObject({ priority: 2 });
    expect(fromFindings[0]!.title).toContain('Scan-Befund beheben');
    // Idempotent: generating again adds nothing.
    const again = await v.auditor.post(`/api/v1/assessments/${v.id}/measures/generate`);
    expect(again.json().created).toBe(0);
  });

  it('links a reappearing finding to the latest assessment at once and resolves fixed ones', async () => {
    const r = await upload(isb, A);
    expect(r.json()).toMatchObject({ reopened: 1, measuresCreated: 1 });
    const high = await byCheck('cipher_negotiated');
    // The demo assessment of Halberstadt had measures when the finding first appeared, so it was
    // linked there at once; now it joins the latest assessment (v) too.
    type Link = { id: string; assessmentId: string; resolvedAt: string | null; resolution: string | null };
    const latest = async () => {
      const d = (await isb.get(`/api/v1/scan-findings/${high.id}`)).json();
      const link = (d.measures as Link[]).find((m) => m.assessmentId === assessmentId);
      if (!link) throw new Error('not linked to the latest assessment');
      return { link, all: d.measures as Link[] };
    };
    const linked = await latest();
    expect(linked.link.resolvedAt).toBeNull();
    expect(linked.all.every((m) => m.resolvedAt === null)).toBe(true);
    await upload(isb, B);
    const fixed = await latest();
    expect(fixed.link).toMatchObject({ resolution: 'fixed' });
    expect(fixed.all.every((m) => m.resolution === 'fixed')).toBe(true);
    const measure = (await isb.get(`/api/v1/measures/${fixed.link.id}`)).json() as M;
    expect(measure.sources.find((s) => s.id === high.id)).toMatchObject({ resolution: 'fixed' });
    // Accepting the medium marks its source as accepted; the measure stays.
    const medium = await byCheck('HSTS');
    await isb.post(`/api/v1/scan-findings/${medium.id}/accept`, {
      reason: 'Wird mit dem Relaunch behoben',
      expiresOn: isoDay(60),
    });
    const mDetail = (await isb.get(`/api/v1/scan-findings/${medium.id}`)).json();
    expect(mDetail.measures.length).toBeGreaterThan(0);
    for (const m of mDetail.measures) expect(m).toMatchObject({ resolution: 'accepted' });
  });

  it('every change is in the audit log', async () => {
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('organisation_id', '=', orgId)
      .where('action', 'like', 'scan.%')
      .execute();
    const set = new Set(actions.map((a) => a.action));
    for (const a of ['scan.import', 'scan.finding.accept', 'scan.finding.reopen', 'scan.finding.expire'])
      expect(set).toContain(a);
  });
});
