import { TEST_PASSWORD } from '../../../test/helpers.ts';
import type { DomainMatrix, Fixture } from '../../../test/isolation.ts';
import { systemContext } from '../../platform/context.ts';
import { importTestAdvisory } from '../advisories/test-support.ts';
import { addMembership, createUser } from '../users/service.ts';
import { reportBody } from './test-support.ts';

const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`incidents matrix: fixture.extra.${name} missing`);
  return value;
};
const incident = (f: Fixture) => `/api/v1/incidents/${x(f, 'incidentId')}`;

/**
 * Kommune-side writes run as a member of the victim Kommune created here: by the time write
 * probes run, the users matrix may have ended the victim ISB's sessions. CERT-side writes run as
 * the demo CERT analyst of Sachsen-Anhalt.
 */
const KOMMUNE_WRITER = 'incident.member.halberstadt@test.bastei.local';

/**
 * The victim Kommune (Halberstadt) reports a TLP:AMBER incident; the CERT opens a task, links an
 * advisory and asks a question, so every route has an object to probe.
 */
export const incidentsMatrix: DomainMatrix = {
  async setup(t, f) {
    const ctx = systemContext(t.database.db, 'isolation-fixture');
    const writer = await createUser(
      ctx,
      {
        email: KOMMUNE_WRITER,
        displayName: 'Mitarbeiterin Halberstadt',
        password: TEST_PASSWORD,
        locale: 'de',
      },
      { argon2MemoryKiB: 1024 },
    );
    await addMembership(ctx, writer.id, { organisationId: f.victimOrganisationId, role: 'member' });
    const isb = await t.as('isb.halberstadt');
    const created = await isb.post('/api/v1/incidents', { report: reportBody({ tlp: 'AMBER' }) });
    if (created.statusCode !== 201) throw new Error(`incidents matrix: report failed ${created.body}`);
    const id = (created.json() as { id: string }).id;
    const cert = await t.as('cert');
    const withTask = await cert.post(`/api/v1/incidents/${id}/case/tasks`, { title: 'Logdaten sichern' });
    // links need stored advisories: one linked now (for the DELETE probe), one for the POST probe
    const linkedAdvisoryId = await importTestAdvisory(t.database.db, 'BASTEI-ISOLATION-INCIDENT-1');
    const linkableAdvisoryId = await importTestAdvisory(t.database.db, 'BASTEI-ISOLATION-INCIDENT-2');
    await cert.post(`/api/v1/incidents/${id}/case/advisories`, { advisoryId: linkedAdvisoryId });
    const asked = await cert.post(`/api/v1/incidents/${id}/requests`, {
      question: 'Welche Systeme sind betroffen?',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    Object.assign(f.extra, {
      incidentId: id,
      incidentLinkedAdvisoryId: linkedAdvisoryId,
      incidentLinkableAdvisoryId: linkableAdvisoryId,
      incidentTaskId: (withTask.json() as { case: { tasks: { id: string }[] } }).case.tasks[0]!.id,
      incidentRequestId: (asked.json() as { requests: { id: string }[] }).requests[0]!.id,
    });
  },
  entries: {
    'GET /api/v1/incident-recipients': {
      kind: 'read',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/incident-recipients?organisationId=${f.victimOrganisationId}`,
      }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/incidents': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: '/api/v1/incidents',
        body: { organisationId: f.victimOrganisationId, report: reportBody() },
      }),
      owner: KOMMUNE_WRITER,
      ownerStatus: 201,
    },
    'GET /api/v1/incidents': {
      kind: 'list',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/incidents?organisationId=${f.victimOrganisationId}&limit=500`,
      }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((i) => i.organisationId === f.victimOrganisationId),
    },
    'GET /api/v1/incidents/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: incident(f) }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/incidents/{id}/submissions': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${incident(f)}/submissions`,
        body: { kind: 'notification', report: reportBody() },
      }),
      owner: KOMMUNE_WRITER,
      ownerStatus: 201,
    },
    'GET /api/v1/incidents/{id}/submissions/{version}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${incident(f)}/submissions/1` }),
      owner: 'isb.halberstadt',
    },
    'PATCH /api/v1/incidents/{id}/case': {
      kind: 'write',
      probe: (f) => ({ method: 'PATCH', url: `${incident(f)}/case`, body: { status: 'in_progress' } }),
      owner: 'cert',
      ownerStatus: 200,
    },
    'POST /api/v1/incidents/{id}/case/tasks': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${incident(f)}/case/tasks`,
        body: { title: 'Übernahmeversuch' },
      }),
      owner: 'cert',
      ownerStatus: 201,
    },
    'PATCH /api/v1/incidents/{id}/case/tasks/{taskId}': {
      kind: 'write',
      probe: (f) => ({
        method: 'PATCH',
        url: `${incident(f)}/case/tasks/${x(f, 'incidentTaskId')}`,
        body: { done: true },
      }),
      owner: 'cert',
      ownerStatus: 200,
    },
    'POST /api/v1/incidents/{id}/case/notes': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${incident(f)}/case/notes`,
        body: { text: 'Übernahmeversuch' },
      }),
      owner: 'cert',
      ownerStatus: 201,
    },
    'POST /api/v1/incidents/{id}/case/advisories': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${incident(f)}/case/advisories`,
        body: { advisoryId: x(f, 'incidentLinkableAdvisoryId') },
      }),
      owner: 'cert',
      ownerStatus: 200,
    },
    'DELETE /api/v1/incidents/{id}/case/advisories/{advisoryId}': {
      kind: 'write',
      probe: (f) => ({
        method: 'DELETE',
        url: `${incident(f)}/case/advisories/${x(f, 'incidentLinkedAdvisoryId')}`,
      }),
      owner: 'cert',
      ownerStatus: 204,
    },
    'POST /api/v1/incidents/{id}/requests': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${incident(f)}/requests`,
        body: { question: 'Übernahmeversuch?', dueAt: new Date(Date.now() + 86_400_000).toISOString() },
      }),
      owner: 'cert',
      ownerStatus: 201,
    },
    'POST /api/v1/incidents/{id}/requests/{requestId}/answer': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${incident(f)}/requests/${x(f, 'incidentRequestId')}/answer`,
        body: { answer: 'Übernahmeversuch' },
      }),
      owner: KOMMUNE_WRITER,
      ownerStatus: 200,
    },
    'GET /api/v1/incidents/{id}/export.json': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${incident(f)}/export.json` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/incidents/{id}/export.misp.json': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${incident(f)}/export.misp.json` }),
      owner: 'isb.halberstadt',
    },
  },
};
