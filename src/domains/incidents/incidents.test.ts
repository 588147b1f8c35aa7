/**
 * Incident reports through the HTTP API: reporting, versioned submissions and their deadlines,
 * the CERT case, requests for information, TLP on every read, exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { importTestAdvisory } from '../advisories/test-support.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { addMembership, createUser } from '../users/service.ts';
import { addOneMonthBerlin } from './deadlines.ts';
import { reportBody, rowCounts, userId } from './test-support.ts';

type Incident = {
  id: string;
  reference: string;
  viewer: string;
  organisationId: string;
  report: Record<string, unknown> & { observables: { type: string; value: string }[]; tlp: string };
  latestVersion: number;
  overdue: boolean;
  deadlines: {
    kind: string;
    dueAt: string;
    dueAtLocal: string;
    state: string;
    metAt: string | null;
    late: boolean;
  }[];
  submissions: { version: number; kind: string }[];
  case: {
    status: string;
    assignee: { id: string } | null;
    tasks?: { id: string; title: string; done: boolean }[];
    notes?: { text: string }[];
    advisoryIds?: string[];
    intermediateRequest: { dueAt: string; submittedAt: string | null } | null;
  };
  requests: { id: string; question: string; state: string; answer: string | null }[];
  dataProtection: { reminder: string; authority: string; dueAt: string } | null;
};

let t: TestApp;
let isb: TestClient;
let cert: TestClient;
let ministry: TestClient;
let admin: TestClient;
let member: TestClient;
let otherIsb: TestClient;
let halberstadtId: string;

const deadline = (i: Incident, kind: string) => i.deadlines.find((d) => d.kind === kind);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  halberstadtId = (
    await db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', PILOT_ARS.halberstadt)
      .executeTakeFirstOrThrow()
  ).id;
  const ctx = systemContext(db, 'test');
  const user = await createUser(
    ctx,
    {
      email: 'mitarbeiter.halberstadt@test.bastei.local',
      displayName: 'Mitarbeiter HBS',
      password: TEST_PASSWORD,
      locale: 'de',
    },
    { argon2MemoryKiB: 1024 },
  );
  await addMembership(ctx, user.id, { organisationId: halberstadtId, role: 'member' });
  [isb, cert, ministry, admin, member, otherIsb] = await Promise.all([
    t.as('isb.halberstadt'),
    t.as('cert'),
    t.as('ministerium'),
    t.as('admin'),
    t.as('mitarbeiter.halberstadt@test.bastei.local'),
    t.as('isb.salzlandkreis'),
  ]);
});
afterAll(() => t.close());

async function report(client: TestClient, overrides: Record<string, unknown> = {}, kind?: string) {
  const response = await client.post('/api/v1/incidents', {
    ...(kind ? { kind } : {}),
    report: reportBody(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Incident;
}

describe('reporting and versions', () => {
  let incident: Incident;

  it('lets the ISB report an early warning to the state CERT', async () => {
    incident = await report(isb);
    expect(incident.reference).toMatch(/^VF-\d{4}-\d{4}$/);
    expect(incident.viewer).toBe('kommune');
    expect(incident.organisationId).toBe(halberstadtId);
    expect(incident.submissions).toEqual([expect.objectContaining({ version: 1, kind: 'early_warning' })]);
    expect(incident.case.status).toBe('new');
    expect(incident.case.notes).toBeUndefined();
    expect(incident.dataProtection).toBeNull();
    // Values are normalised per type.
    expect(incident.report.observables.map((o) => o.value)).toEqual([
      '203.0.113.7',
      'erpresser.example',
      'a'.repeat(64),
      'LIESMICH.txt',
    ]);
    expect(deadline(incident, 'early_warning')).toMatchObject({ state: 'met', late: false });
    const notification = deadline(incident, 'notification')!;
    expect(notification.state).toBe('open');
    const aware = new Date(incident.report.awareAt as string).getTime();
    expect(new Date(notification.dueAt).getTime() - aware).toBe(72 * 3_600_000);
    expect(notification.dueAtLocal).toMatch(/[+]0[12]:00$/);
    expect(deadline(incident, 'final')).toBeUndefined();
  });

  it('shows the CERT the report with its internal case fields', async () => {
    const seen = (await cert.get(`/api/v1/incidents/${incident.id}`)).json() as Incident;
    expect(seen.viewer).toBe('cert');
    expect(seen.case.notes).toEqual([]);
    expect(seen.case.tasks).toEqual([]);
  });

  it('refuses steps the report is not ready for (409) and writes nothing', async () => {
    const before = await rowCounts(t);
    for (const kind of ['early_warning', 'intermediate', 'final']) {
      const response = await isb.post(`/api/v1/incidents/${incident.id}/submissions`, {
        kind,
        report: reportBody(),
      });
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('takes the notification as version 2 and fixes the final report one month later', async () => {
    const response = await isb.post(`/api/v1/incidents/${incident.id}/submissions`, {
      kind: 'notification',
      report: reportBody({ description: 'Ergänzt: Backups sind intakt.', personalData: true }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const updated = response.json() as Incident;
    expect(updated.latestVersion).toBe(2);
    expect(updated.submissions.map((s) => s.kind)).toEqual(['early_warning', 'notification']);
    expect(deadline(updated, 'notification')).toMatchObject({ state: 'met' });
    const final = deadline(updated, 'final')!;
    expect(final.state).toBe('open');
    const notified = (await t.database.db
      .selectFrom('incident_reports')
      .select('notification_submitted_at')
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow()) as { notification_submitted_at: Date };
    expect(final.dueAt).toBe(addOneMonthBerlin(new Date(notified.notification_submitted_at)).toISOString());
    // Personal data: the reminder to notify the data-protection authority separately.
    expect(updated.dataProtection?.authority).toBe('Landesbeauftragter für den Datenschutz Sachsen-Anhalt');
    expect(updated.dataProtection?.reminder).toContain('Art. 33 DSGVO');
    expect(updated.dataProtection?.reminder).toContain('72 Stunden');
    // The first version is kept as it was.
    const v1 = (await cert.get(`/api/v1/incidents/${incident.id}/submissions/1`)).json() as {
      kind: string;
      report: { description: string; personalData: boolean };
    };
    expect(v1.kind).toBe('early_warning');
    expect(v1.report.personalData).toBe(false);
    expect(v1.report.description).not.toContain('Ergänzt');
    expect((await cert.get(`/api/v1/incidents/${incident.id}/submissions/9`)).statusCode).toBe(404);
  });

  it('keeps submitted versions immutable in the database too', async () => {
    await expect(
      t.database.db
        .updateTable('incident_submissions')
        .set({ tlp: 'CLEAR' })
        .where('incident_id', '=', incident.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('takes an intermediate report only after the CERT asked for one', async () => {
    const due = new Date(Date.now() + 48 * 3_600_000).toISOString();
    const asked = await cert.request('PATCH', `/api/v1/incidents/${incident.id}/case`, {
      intermediateReportDueAt: due,
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const seenByKommune = (await isb.get(`/api/v1/incidents/${incident.id}`)).json() as Incident;
    expect(seenByKommune.case.intermediateRequest?.dueAt).toBe(due);
    expect(deadline(seenByKommune, 'intermediate')).toMatchObject({ state: 'open' });
    const sent = await isb.post(`/api/v1/incidents/${incident.id}/submissions`, {
      kind: 'intermediate',
      report: reportBody(),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(deadline(sent.json() as Incident, 'intermediate')).toMatchObject({ state: 'met' });
    const again = await isb.post(`/api/v1/incidents/${incident.id}/submissions`, {
      kind: 'intermediate',
      report: reportBody(),
    });
    expect(again.statusCode).toBe(409);
  });

  it('closes the reporting with the final report; nothing is submitted after it', async () => {
    const member = await isb.post(`/api/v1/incidents/${incident.id}/submissions`, {
      kind: 'final',
      report: reportBody(),
    });
    expect(member.statusCode, member.body).toBe(201);
    const done = member.json() as Incident;
    expect(done.latestVersion).toBe(4);
    expect(deadline(done, 'final')).toMatchObject({ state: 'met', late: false });
    expect(done.overdue).toBe(false);
    const after = await isb.post(`/api/v1/incidents/${incident.id}/submissions`, {
      kind: 'intermediate',
      report: reportBody(),
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().detail).toContain('Abschlussbericht');
  });

  it('lets a member of the Kommune report too, and a notification first meets the early warning', async () => {
    const incident2 = await report(member, { title: 'Phishing-Welle' }, 'notification');
    expect(deadline(incident2, 'early_warning')).toMatchObject({ state: 'met' });
    expect(deadline(incident2, 'notification')).toMatchObject({ state: 'met' });
    expect(deadline(incident2, 'final')?.state).toBe('open');
  });

  it('forbids the CERT, the ministry and admin to submit for the Kommune', async () => {
    for (const client of [cert, admin]) {
      const response = await client.post(`/api/v1/incidents/${incident.id}/submissions`, {
        kind: 'notification',
        report: reportBody(),
      });
      expect([403, 404]).toContain(response.statusCode);
    }
    expect((await cert.post('/api/v1/incidents', { report: reportBody() })).statusCode).toBe(403);
    expect((await ministry.post('/api/v1/incidents', { report: reportBody() })).statusCode).toBe(403);
  });
});

describe('the CERT case', () => {
  let incident: Incident;
  beforeAll(async () => {
    incident = await report(isb, { title: 'Kontoübernahme im Bürgerportal', category: 'account_compromise' });
  });
  const url = () => `/api/v1/incidents/${incident.id}`;

  it('moves new → in_progress → closed and refuses other steps', async () => {
    const skip = await cert.request('PATCH', `${url()}/case`, { status: 'closed_true_positive' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().detail).toContain('new');
    expect((await isb.request('PATCH', `${url()}/case`, { status: 'in_progress' })).statusCode).toBe(403);
    const assignee = await userId(t, 'cert');
    const start = await cert.request('PATCH', `${url()}/case`, {
      status: 'in_progress',
      assigneeUserId: assignee,
    });
    expect(start.statusCode, start.body).toBe(200);
    expect((start.json() as Incident).case).toMatchObject({
      status: 'in_progress',
      assignee: { id: assignee },
    });
    const wrongAssignee = await cert.request('PATCH', `${url()}/case`, {
      assigneeUserId: await userId(t, 'isb.halberstadt'),
    });
    expect(wrongAssignee.statusCode).toBe(400);
    expect(wrongAssignee.json().errors[0].pointer).toBe('/body/assigneeUserId');
  });

  it('keeps tasks, notes and advisory links with the CERT', async () => {
    const task = await cert.post(`${url()}/case/tasks`, { title: 'Lösegeldnotiz anfordern' });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = (task.json() as Incident).case.tasks![0]!.id;
    const done = await cert.request('PATCH', `${url()}/case/tasks/${taskId}`, { done: true });
    expect((done.json() as Incident).case.tasks![0]).toMatchObject({ done: true });
    const secret = 'Interner Verdacht: Zugangsdaten aus Leak 2024';
    expect((await cert.post(`${url()}/case/notes`, { text: secret })).statusCode).toBe(201);
    const unknown = await cert.post(`${url()}/case/advisories`, {
      advisoryId: '0b7d9f2e-4c1a-4e53-9d43-2f8f2d1c7a10',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({
      detail: expect.stringContaining('Sicherheitsmeldung'),
      errors: [{ pointer: '/body/advisoryId' }],
    });
    const advisoryId = await importTestAdvisory(t.database.db, 'BASTEI-TEST-INCIDENT-1');
    const linked = await cert.post(`${url()}/case/advisories`, { advisoryId });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as Incident).case.advisoryIds).toEqual([advisoryId]);
    expect((await isb.post(`${url()}/case/notes`, { text: 'x' })).statusCode).toBe(403);
    // The Kommune sees none of it: neither in the report, nor in the exports, nor in its audit log.
    for (const path of ['', '/export.json', '/export.misp.json']) {
      const body = (await isb.get(`${url()}${path}`)).body;
      expect(body).not.toContain(secret);
      expect(body).not.toContain('Lösegeldnotiz');
      expect(body).not.toContain(advisoryId);
    }
    const audit = await isb.get(`/api/v1/audit?organisationId=${halberstadtId}&limit=500`);
    expect(audit.statusCode).toBe(200);
    expect(audit.body).not.toContain(secret);
    expect(audit.body).not.toContain('incident.note.add');
    expect((await cert.get(url())).body).toContain(secret);
    expect((await cert.request('DELETE', `${url()}/case/advisories/${advisoryId}`)).statusCode).toBe(204);
    expect((await cert.request('DELETE', `${url()}/case/advisories/${advisoryId}`)).statusCode).toBe(404);
  });

  it('asks the Kommune for information; the open request shows on its side and is answered once', async () => {
    const dueAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const asked = await cert.post(`${url()}/requests`, { question: 'Welche Systeme sind betroffen?', dueAt });
    expect(asked.statusCode, asked.body).toBe(201);
    const kommune = (await isb.get(url())).json() as Incident;
    expect(kommune.requests).toEqual([
      expect.objectContaining({ question: 'Welche Systeme sind betroffen?', state: 'open', answer: null }),
    ]);
    const list = (await isb.get('/api/v1/incidents')).json() as {
      items: { id: string; openRequests: number }[];
    };
    expect(list.items.find((i) => i.id === incident.id)?.openRequests).toBe(1);
    const requestId = kommune.requests[0]!.id;
    expect(
      (await cert.post(`${url()}/requests/${requestId}/answer`, { answer: 'Nur der Dateiserver.' }))
        .statusCode,
    ).toBe(403);
    const answered = await isb.post(`${url()}/requests/${requestId}/answer`, {
      answer: 'Nur der Dateiserver.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((answered.json() as Incident).requests[0]).toMatchObject({
      state: 'answered',
      answer: 'Nur der Dateiserver.',
    });
    expect((await isb.post(`${url()}/requests/${requestId}/answer`, { answer: 'nochmal' })).statusCode).toBe(
      409,
    );
    const past = await cert.post(`${url()}/requests`, {
      question: 'Zu spät?',
      dueAt: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
  });

  it('closes as false positive and stays closed', async () => {
    const closed = await cert.request('PATCH', `${url()}/case`, { status: 'closed_false_positive' });
    expect(closed.statusCode, closed.body).toBe(200);
    const reopen = await cert.request('PATCH', `${url()}/case`, { status: 'in_progress' });
    expect(reopen.statusCode).toBe(409);
    expect((await isb.get(url())).json().case.status).toBe('closed_false_positive');
  });
});

describe('TLP on every read', () => {
  it('shows an AMBER report to the Kommune and the CERT, to the ministry and admin only as a stub', async () => {
    const incident = await report(isb, { title: 'Amber-Vorfall' });
    for (const client of [ministry, admin]) {
      expect((await client.get(`/api/v1/incidents/${incident.id}`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/incidents/${incident.id}/export.misp.json`)).statusCode).toBe(404);
      const list = (await client.get('/api/v1/incidents?limit=500')).json() as {
        items: { id: string; redacted: boolean; title: string | null }[];
      };
      const stub = list.items.find((i) => i.id === incident.id);
      expect(stub).toMatchObject({ redacted: true, title: null });
      expect(JSON.stringify(stub)).not.toContain('Amber-Vorfall');
    }
    expect((await member.get(`/api/v1/incidents/${incident.id}`)).statusCode).toBe(200);
    expect((await otherIsb.get(`/api/v1/incidents/${incident.id}`)).statusCode).toBe(404);
    const otherList = (await otherIsb.get('/api/v1/incidents')).json() as { items: { id: string }[] };
    expect(otherList.items.some((i) => i.id === incident.id)).toBe(false);
  });

  it('lets the ministry read a GREEN report (the community label)', async () => {
    const incident = await report(isb, { title: 'Grüner Vorfall', tlp: 'GREEN' });
    const seen = await ministry.get(`/api/v1/incidents/${incident.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().viewer).toBe('reader');
    expect(seen.json().case.notes).toBeUndefined();
  });

  it('gives a RED report only to the named people', async () => {
    const certId = await userId(t, 'cert');
    const incident = await report(isb, {
      title: 'Roter Vorfall',
      tlp: 'RED',
      namedRecipientUserIds: [certId],
    });
    expect(incident.report.namedRecipientUserIds).toEqual(
      [certId, await userId(t, 'isb.halberstadt')].sort(),
    );
    expect((await cert.get(`/api/v1/incidents/${incident.id}`)).statusCode).toBe(200);
    expect((await member.get(`/api/v1/incidents/${incident.id}`)).statusCode).toBe(404);
    expect(
      (
        await member.post(`/api/v1/incidents/${incident.id}/submissions`, {
          kind: 'notification',
          report: reportBody(),
        })
      ).statusCode,
    ).toBe(404);
    const memberList = (await member.get('/api/v1/incidents?limit=500')).json() as {
      items: { id: string; redacted: boolean }[];
    };
    expect(memberList.items.find((i) => i.id === incident.id)?.redacted).toBe(true);
  });

  it('refuses RED without a CERT analyst, strangers as recipients, and names for other labels', async () => {
    const before = await rowCounts(t);
    const cases = [
      { tlp: 'RED', namedRecipientUserIds: [] },
      { tlp: 'RED', namedRecipientUserIds: [await userId(t, 'cert'), await userId(t, 'isb.salzlandkreis')] },
      { tlp: 'AMBER', namedRecipientUserIds: [await userId(t, 'cert')] },
    ];
    for (const overrides of cases) {
      const response = await isb.post('/api/v1/incidents', { report: reportBody(overrides) });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0].pointer).toBe('/body/report/namedRecipientUserIds');
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('lists the people a Kommune may name', async () => {
    const response = await isb.get('/api/v1/incident-recipients');
    expect(response.statusCode, response.body).toBe(200);
    const people = response.json().people as { id: string; organisation: string }[];
    expect(people).toContainEqual(
      expect.objectContaining({ id: await userId(t, 'cert'), organisation: 'cert' }),
    );
    expect(people).toContainEqual(
      expect.objectContaining({ id: await userId(t, 'isb.halberstadt'), organisation: 'kommune' }),
    );
    expect((await cert.get('/api/v1/incident-recipients')).statusCode).toBe(403);
  });
});

describe('overdue', () => {
  it('flags a report whose notification is past due and filters it for the CERT', async () => {
    const day = 24 * 3_600_000;
    const late = await report(isb, {
      title: 'Späte Meldung',
      startedAt: new Date(Date.now() - 5 * day).toISOString(),
      detectedAt: new Date(Date.now() - 4.5 * day).toISOString(),
      awareAt: new Date(Date.now() - 4 * day).toISOString(),
    });
    expect(late.overdue).toBe(true);
    expect(deadline(late, 'notification')?.state).toBe('overdue');
    expect(deadline(late, 'early_warning')).toMatchObject({ state: 'met', late: true });
    const fresh = await report(isb, { title: 'Frische Meldung' });
    const overdue = (await cert.get('/api/v1/incidents?overdue=true&limit=500')).json() as {
      items: { id: string; overdue: boolean }[];
      total: number;
    };
    expect(overdue.items.map((i) => i.id)).toContain(late.id);
    expect(overdue.items.map((i) => i.id)).not.toContain(fresh.id);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    const notOverdue = (await cert.get('/api/v1/incidents?overdue=false&limit=500')).json() as {
      items: { id: string }[];
    };
    expect(notOverdue.items.map((i) => i.id)).toContain(fresh.id);
    // The ministry cannot probe labelled-away reports with the filter.
    const ministryOverdue = (await ministry.get('/api/v1/incidents?overdue=true&limit=500')).json() as {
      items: { id: string }[];
    };
    expect(ministryOverdue.items.map((i) => i.id)).not.toContain(late.id);
  });
});

describe('exports', () => {
  it('exports our versioned JSON and a MISP event', async () => {
    const incident = await report(isb, { title: 'Export-Vorfall' });
    const json = await cert.get(`/api/v1/incidents/${incident.id}/export.json`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-disposition']).toContain(`${incident.reference}.json`);
    const document = json.json();
    expect(document).toMatchObject({ schema: 'urn:bastei:incident-report', schemaVersion: 1, tlp: 'AMBER' });
    expect(document.submissions).toHaveLength(1);
    expect(document.incident.case.notes).toEqual([]);

    const misp = await cert.get(`/api/v1/incidents/${incident.id}/export.misp.json`);
    expect(misp.statusCode, misp.body).toBe(200);
    const event = misp.json().Event;
    expect(event).toMatchObject({
      uuid: incident.id,
      info: `${incident.reference}: Export-Vorfall`,
      threat_level_id: '1',
      analysis: '0',
      distribution: '1',
      published: false,
    });
    expect(event.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(event.Tag.map((tag: { name: string }) => tag.name)).toEqual([
      'tlp:amber',
      'PAP:AMBER',
      'rsit:information-content-security="unauthorised-information-modification"',
    ]);
    expect(
      event.Attribute.map((a: { type: string; value: string; to_ids: boolean }) => [
        a.type,
        a.value,
        a.to_ids,
      ]),
    ).toEqual([
      ['ip-dst', '203.0.113.7', true],
      ['domain', 'erpresser.example', true],
      ['sha256', 'a'.repeat(64), true],
      ['filename', 'LIESMICH.txt', false],
    ]);
    const again = (await cert.get(`/api/v1/incidents/${incident.id}/export.misp.json`)).json().Event;
    expect(again.Attribute.map((a: { uuid: string }) => a.uuid)).toEqual(
      event.Attribute.map((a: { uuid: string }) => a.uuid),
    );
  });
});
