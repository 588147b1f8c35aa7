/** Test-only helpers: a small catalog with crafted measure templates and a verified assessment of it. */
import type { TestApp, TestClient } from '../../../test/helpers.ts';
import { createSmallCatalog, organisationIdByArs } from '../assessments/test-support.ts';
import { PILOT_ARS } from '../demo/seed.ts';

/**
 * Catalog "MS" (see createSmallCatalog) with templates:
 *   T1-1: Backup-Konzept erstellen (organisational), Schulung Datensicherung (training)
 *   T1-2: Backup-Konzept erstellen (organisational)  → merged with T1-1's
 *   T1-3: Virenschutz prüfen (technical)
 *   T1-4: Patchmanagement einführen (technical)
 *   T2-1: Firewall härten (technical)                 effort high → priority 2
 *   T2-2: Awareness-Workshop (workshop)
 *   T3-2: Penetrationstest (penetration_test), Firewall härten (technical)   elevated + high → 4
 */
export async function measuresCatalog(t: TestApp, prefix = 'MS') {
  const db = t.database.db;
  const catalog = await createSmallCatalog(db, prefix);
  const k = (s: string) => `${prefix}-${s}`;
  const req = (s: string) => catalog.requirementIds[k(s)]!;
  await db
    .updateTable('catalog_requirements')
    .set({ effort: 'high' })
    .where('id', 'in', [req('T2-1'), req('T3-2')])
    .execute();
  const templates: [
    string,
    string,
    'technical' | 'organisational' | 'workshop' | 'penetration_test' | 'training',
    string,
  ][] = [
    ['T1-1', 'a', 'organisational', 'Backup-Konzept erstellen'],
    ['T1-1', 'b', 'training', 'Schulung Datensicherung'],
    ['T1-2', 'a', 'organisational', 'Backup-Konzept  erstellen'],
    ['T1-3', 'a', 'technical', 'Virenschutz prüfen'],
    ['T1-4', 'a', 'technical', 'Patchmanagement einführen'],
    ['T2-1', 'a', 'technical', 'Firewall härten'],
    ['T2-2', 'a', 'workshop', 'Awareness-Workshop'],
    ['T3-2', 'a', 'penetration_test', 'Penetrationstest'],
    ['T3-2', 'b', 'technical', 'Firewall härten'],
  ];
  let position = 0;
  for (const [r, key, type, title] of templates) {
    await db
      .insertInto('measure_templates')
      .values({
        catalog_id: catalog.id,
        requirement_id: req(r),
        template_key: `${k(r)}-M${key}`,
        type,
        title,
        description: `${title}: Beschreibung`,
        position: position++,
      })
      .execute();
  }
  return { catalog, k, req };
}

/**
 * A verified assessment of Halberstadt made through the API: the ISB answers and submits, the
 * auditor overrides T1-3 (no → yes) and T1-4 (yes → partial) and verifies.
 */
export async function verifiedAssessment(t: TestApp, prefix = 'MS') {
  const { catalog, k, req } = await measuresCatalog(t, prefix);
  const organisationId = await organisationIdByArs(t.database.db, PILOT_ARS.halberstadt);
  const isb = await t.as('isb.halberstadt');
  const auditor = await t.as('pruefer');
  const created = await isb.post('/api/v1/assessments', {
    organisationId,
    catalogId: catalog.id,
    phase: 'self',
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  const answers = {
    'T1-1': 'no',
    'T1-2': 'partial',
    'T1-3': 'no',
    'T1-4': 'yes',
    'T2-1': 'no',
    'T2-2': 'yes',
    'T3-1': 'not_applicable',
    'T3-2': 'partial',
  };
  const put = await isb.request('PUT', `/api/v1/assessments/${id}/answers`, {
    answers: Object.entries(answers).map(([r, status]) => ({ requirementId: k(r), status })),
  });
  if (put.statusCode !== 200) throw new Error(put.body);
  const expectOk = (r: { statusCode: number; body: string }) => {
    if (r.statusCode >= 300) throw new Error(r.body);
  };
  expectOk(await isb.post(`/api/v1/assessments/${id}/submit`));
  expectOk(
    await auditor.request('PUT', `/api/v1/assessments/${id}/answers/${k('T1-3')}/override`, {
      status: 'yes',
      note: 'vor Ort geprüft',
    }),
  );
  expectOk(
    await auditor.request('PUT', `/api/v1/assessments/${id}/answers/${k('T1-4')}/override`, {
      status: 'partial',
      note: 'nur Server',
    }),
  );
  expectOk(await auditor.post(`/api/v1/assessments/${id}/verify`));
  return { id, organisationId, catalog, k, req, isb, auditor };
}

export type Verified = Awaited<ReturnType<typeof verifiedAssessment>>;
export type { TestClient };
