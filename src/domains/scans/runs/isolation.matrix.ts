import type { DomainMatrix, Fixture } from '../../../../test/isolation.ts';
import { systemContext } from '../../../platform/context.ts';
import { grantAuthorisation } from '../../assets/authorisations.ts';
import { createScanSchedule } from './service.ts';

const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`scan runs matrix: fixture.extra.${name} missing`);
  return value;
};
const org = (f: Fixture) => `/api/v1/organisations/${f.victimOrganisationId}`;

/**
 * The victim Kommune (Halberstadt) gets an authorisation for scan-matrix.de, a finished run and a
 * schedule. The queue only records jobs here (test apps run no worker), so no scan leaves the
 * machine. Writes' positive controls run as admin (the users matrix may end the ISB's sessions).
 */
export const scanRunsMatrix: DomainMatrix = {
  async setup(t, f) {
    const db = t.database.db;
    const ctx = systemContext(db, 'isolation-fixture');
    await grantAuthorisation(ctx, f.victimOrganisationId, { kind: 'domain', target: 'scan-matrix.de' });
    const run = await db
      .insertInto('scan_runs')
      .values({
        organisation_id: f.victimOrganisationId,
        target: JSON.stringify({ domain: 'scan-matrix.de' }),
        target_host: 'scan-matrix.de',
        requested_by_label: 'isolation-fixture',
        state: 'done',
        started_at: new Date(),
        finished_at: new Date(),
        results: JSON.stringify([]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const schedule = await createScanSchedule(ctx, f.victimOrganisationId, {
      name: 'Matrix',
      cron: '0 3 * * 1',
      timezone: 'Europe/Berlin',
      targets: [{ domain: 'scan-matrix.de' }],
    });
    Object.assign(f.extra, { scanRunId: run.id, scanScheduleId: schedule.id });
  },
  entries: {
    'POST /api/v1/organisations/{id}/scan-runs': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${org(f)}/scan-runs`,
        body: { target: { url: 'https://www.scan-matrix.de/' } },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/organisations/{id}/scan-runs': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${org(f)}/scan-runs?limit=500` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/scan-runs/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/scan-runs/${x(f, 'scanRunId')}` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/organisations/{id}/scan-schedules': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${org(f)}/scan-schedules`,
        body: { name: 'Matrix neu', cron: '30 2 * * 0', targets: [{ domain: 'scan-matrix.de' }] },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/organisations/{id}/scan-schedules': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${org(f)}/scan-schedules` }),
      owner: 'isb.halberstadt',
    },
    'PATCH /api/v1/scan-schedules/{id}': {
      kind: 'write',
      probe: (f) => ({
        method: 'PATCH',
        url: `/api/v1/scan-schedules/${x(f, 'scanScheduleId')}`,
        body: { paused: true },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'DELETE /api/v1/scan-schedules/{id}': {
      kind: 'write',
      probe: (f) => ({ method: 'DELETE', url: `/api/v1/scan-schedules/${x(f, 'scanScheduleId')}` }),
      owner: 'admin',
      ownerStatus: 204,
    },
  },
};
