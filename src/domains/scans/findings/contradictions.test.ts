/**
 * Contradictions between self-assessment and scans through the HTTP API, plus the catalogue's
 * mapping against the built-in Bastei-Basis (a renamed requirement must break this test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/helpers.ts';
import { systemContext } from '../../../platform/context.ts';
import {
  baselineCatalogId,
  createSmallCatalog,
  organisationIdByArs,
} from '../../assessments/test-support.ts';
import { basteiBasis } from '../../catalogs/baseline/bastei-basis.ts';
import { PILOT_ARS } from '../../demo/seed.ts';
import { listCheckDefinitions } from '../checks/catalog.ts';
import type { ScanFinding } from '../imports/finding.ts';
import { contradictionMapping } from './contradictions.ts';
import { ingestFindings } from './ingest.ts';

let t: TestApp;
let isb: TestClient;
let auditor: TestClient;
let orgId: string;
let assessmentId: string;

const PORTAL = 'buergerportal.halberstadt.example';
const MX = 'mx.halberstadt.example';
const tlsOld: ScanFinding = {
  host: PORTAL,
  hostname: PORTAL,
  port: 443,
  protocol: 'tcp',
  service: 'https',
  checkId: 'tls.protocols',
  title: 'TLS-Protokollversionen',
  description: 'TLS 1.0 angeboten',
  cves: [],
  severity: 'high',
  references: [],
  source: 'bastei',
};
const dmarc: ScanFinding = {
  host: 'halberstadt.example',
  hostname: 'halberstadt.example',
  checkId: 'mail.dmarc',
  title: 'DMARC-Richtlinie',
  description: 'p=none',
  cves: [],
  severity: 'low',
  references: [],
  source: 'bastei',
};
const mxTls: ScanFinding = { ...tlsOld, host: MX, hostname: MX, port: 25, service: 'smtp' };

/** One Bastei scan of the three hosts; hosts covered but not listed become fixed. */
async function scan(findings: ScanFinding[]) {
  await t.database.db.transaction().execute((trx) =>
    ingestFindings(trx, systemContext(t.database.db, 'test'), {
      organisationId: orgId,
      source: 'bastei',
      label: 'Bastei-Scan (Test)',
      coverage: [{ host: PORTAL, ports: [443] }, { host: MX, ports: [25] }, { host: 'halberstadt.example' }],
      findings,
    }),
  );
}

type Item = {
  requirementKey: string;
  answer: string;
  answerBy: string;
  weaker: boolean;
  findings: {
    id: string;
    title: string;
    description: string;
    severity: string;
    host: string;
    port: number;
  }[];
};
const contradictions = async (client: TestClient = auditor, id = assessmentId) => {
  const r = await client.get(`/api/v1/assessments/${id}/scan-contradictions`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { organisationId: string; items: Item[]; total: number };
};
const keys = async (client?: TestClient) => (await contradictions(client)).items.map((i) => i.requirementKey);

beforeAll(async () => {
  t = await createTestApp();
  isb = await t.as('isb.halberstadt');
  auditor = await t.as('pruefer');
  orgId = await organisationIdByArs(t.database.db, PILOT_ARS.halberstadt);
  const catalogId = await baselineCatalogId(t);
  const created = await isb.post('/api/v1/assessments', { organisationId: orgId, catalogId, phase: 'self' });
  expect(created.statusCode, created.body).toBe(201);
  assessmentId = created.json().id;
  const put = await isb.request('PUT', `/api/v1/assessments/${assessmentId}/answers`, {
    answers: [
      { requirementId: 'BB-MWE-08', status: 'yes' },
      { requirementId: 'BB-MWE-03', status: 'no' },
      { requirementId: 'BB-MWE-04', status: 'partial' },
      { requirementId: 'BB-NET-04', status: 'yes' },
    ],
  });
  expect(put.statusCode, put.body).toBe(200);
  await scan([tlsOld, dmarc, mxTls]);
});
afterAll(() => t.close());

describe('check → requirement mapping', () => {
  it('names only requirements that exist in the built-in Bastei-Basis', () => {
    const known = new Set(basteiBasis.topics.flatMap((topic) => topic.requirements.map((r) => r.id)));
    for (const definition of listCheckDefinitions()) {
      for (const key of definition.baselineRequirements)
        expect(known, `${definition.id} → ${key}`).toContain(key);
    }
    for (const row of contradictionMapping()) expect(known).toContain(row.requirementKey);
  });

  it('maps TLS on the website to web encryption and TLS on STARTTLS to mail transport', () => {
    const rows = contradictionMapping().filter((r) => r.checkId === 'tls.protocols');
    expect(rows).toEqual([
      { checkId: 'tls.protocols', requirementKey: 'BB-MWE-08', channel: 'other' },
      { checkId: 'tls.protocols', requirementKey: 'BB-MWE-04', channel: 'smtp' },
    ]);
  });
});

describe('GET /assessments/{id}/scan-contradictions', () => {
  it('flags a “yes” contradicted by an open TLS finding, and a “partial” as weaker', async () => {
    const body = await contradictions();
    expect(body.organisationId).toBe(orgId);
    expect(body.items.map((i) => i.requirementKey).sort()).toEqual(['BB-MWE-04', 'BB-MWE-08']);
    const web = body.items.find((i) => i.requirementKey === 'BB-MWE-08')!;
    expect(web).toMatchObject({ answer: 'yes', answerBy: 'self', weaker: false, topicKey: 'BB-MWE' });
    expect(web.findings).toHaveLength(1);
    expect(web.findings[0]).toMatchObject({
      title: 'TLS-Protokollversionen',
      description: 'TLS 1.0 angeboten',
      severity: 'high',
      host: PORTAL,
      port: 443,
    });
    const mail = body.items.find((i) => i.requirementKey === 'BB-MWE-04')!;
    expect(mail).toMatchObject({ answer: 'partial', weaker: true });
    expect(mail.findings.map((f) => f.host)).toEqual([MX]);
    // BB-NET-04 says yes but no exposure finding is open; BB-MWE-03 says no.
    const finding = await isb.get(`/api/v1/scan-findings/${web.findings[0]!.id}`);
    expect(finding.statusCode).toBe(200);
  });

  it('shows the same list to the ISB of the Kommune', async () => {
    expect((await keys(isb)).sort()).toEqual(['BB-MWE-04', 'BB-MWE-08']);
  });

  it('answers 404 to another Kommune and for unknown ids', async () => {
    const other = await t.as('isb.salzlandkreis');
    expect((await other.get(`/api/v1/assessments/${assessmentId}/scan-contradictions`)).statusCode).toBe(404);
    const unknown = await auditor.get(
      '/api/v1/assessments/00000000-0000-4000-8000-000000000000/scan-contradictions',
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect((await auditor.get('/api/v1/assessments/nope/scan-contradictions')).statusCode).toBe(400);
  });

  it('follows the auditor’s override: “yes” flags, “no” clears', async () => {
    const submit = await isb.post(`/api/v1/assessments/${assessmentId}/submit`);
    expect(submit.statusCode, submit.body).toBeLessThan(300);
    const override = (key: string, status: string) =>
      auditor.request('PUT', `/api/v1/assessments/${assessmentId}/answers/${key}/override`, {
        status,
        note: 'vor Ort geprüft',
      });
    expect((await override('BB-MWE-03', 'yes')).statusCode).toBe(200);
    expect((await override('BB-MWE-04', 'no')).statusCode).toBe(200);
    const body = await contradictions();
    expect(body.items.map((i) => i.requirementKey).sort()).toEqual(['BB-MWE-03', 'BB-MWE-08']);
    expect(body.items.find((i) => i.requirementKey === 'BB-MWE-03')).toMatchObject({
      answer: 'yes',
      answerBy: 'auditor',
    });
  });

  it('drops a finding once a later scan no longer reports it (fixed)', async () => {
    await scan([dmarc]);
    expect(await keys()).toEqual(['BB-MWE-03']);
  });

  it('ignores accepted findings until the acceptance expires', async () => {
    const list = await isb.get(`/api/v1/scan-findings?organisationId=${orgId}&check=mail.dmarc`);
    const id = list.json().items[0].id as string;
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const accepted = await isb.post(`/api/v1/scan-findings/${id}/accept`, {
      reason: 'Umstellung auf p=reject ist beauftragt',
      expiresOn: until,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await keys()).toEqual([]);
    await t.database.db
      .updateTable('scan_findings')
      .set({ accepted_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await keys()).toEqual(['BB-MWE-03']);
  });

  it('gives an empty list for an assessment on a catalog without Bastei-Basis keys', async () => {
    const catalog = await createSmallCatalog(t.database.db, 'CX');
    const created = await isb.post('/api/v1/assessments', {
      organisationId: orgId,
      catalogId: catalog.id,
      phase: 'self',
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = await contradictions(isb, created.json().id);
    expect(body).toMatchObject({ items: [], total: 0 });
  });
});
