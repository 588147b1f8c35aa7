import type { DomainMatrix, Fixture } from '../../../../test/isolation.ts';
import { systemContext } from '../../../platform/context.ts';
import { importScanReport } from './service.ts';
import { isoDay, testsslReport } from './test-support.ts';

const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`findings matrix: fixture.extra.${name} missing`);
  return value;
};
const finding = (f: Fixture) => `/api/v1/scan-findings/${x(f, 'scanFindingId')}`;
const REPORT = testsslReport('www.halberstadt.example', 443, [
  ['cipher_negotiated', 'HIGH', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  ['HSTS', 'MEDIUM', 'not offered'],
]);

/**
 * The victim Kommune (Halberstadt) gets one imported testssl.sh report with a high and a medium
 * finding. Positive controls of writes run as admin (the users matrix may have ended the victim
 * ISB's sessions by then); accept runs before reopen (same method, entry order).
 */
export const findingsMatrix: DomainMatrix = {
  async setup(t, f) {
    const ctx = systemContext(t.database.db, 'isolation-fixture');
    await importScanReport(ctx, {
      organisationId: f.victimOrganisationId,
      body: [REPORT],
      fileName: 'matrix.json',
      limitBytes: 1024 * 1024,
    });
    const row = await t.database.db
      .selectFrom('scan_findings')
      .select('id')
      .where('organisation_id', '=', f.victimOrganisationId)
      .where('severity', '=', 'high')
      .executeTakeFirstOrThrow();
    f.extra.scanFindingId = row.id;
  },
  entries: {
    'POST /api/v1/organisations/{id}/scan-imports': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/organisations/${f.victimOrganisationId}/scan-imports?filename=probe.json`,
        body: REPORT,
        headers: { 'content-type': 'application/octet-stream' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/organisations/{id}/scan-imports': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/organisations/${f.victimOrganisationId}/scan-imports` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/scan-findings': {
      kind: 'list',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/scan-findings?organisationId=${f.victimOrganisationId}&limit=500`,
      }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((i) => i.organisationId === f.victimOrganisationId),
    },
    'GET /api/v1/scan-findings/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: finding(f) }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/scan-findings/{id}/accept': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${finding(f)}/accept`,
        body: { reason: 'Übernahmeversuch durch Dritte', expiresOn: isoDay(30) },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/scan-findings/{id}/reopen': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `${finding(f)}/reopen`, body: { reason: 'Übernahmeversuch' } }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'GET /api/v1/organisations/{id}/scan-status': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/organisations/${f.victimOrganisationId}/scan-status` }),
      owner: 'isb.halberstadt',
    },
    // The assessment comes from the assessments matrix (set up before this one).
    'GET /api/v1/assessments/{id}/scan-contradictions': {
      kind: 'read',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/assessments/${x(f, 'assessmentId')}/scan-contradictions`,
      }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/scan-status': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/scan-status' }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((i) => i.organisationId === f.victimOrganisationId),
    },
  },
};
