import type { DomainMatrix, Fixture } from '../../../test/isolation.ts';
import { systemContext } from '../../platform/context.ts';
import { createAssessment, saveAnswer, submitAssessment, verifyAssessment } from '../assessments/service.ts';
import { createSmallCatalog } from '../assessments/test-support.ts';
import { deliverPackage, generateMeasures } from './service.ts';

const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`measures matrix: fixture.extra.${name} missing`);
  return value;
};
const measure = (f: Fixture) => `/api/v1/measures/${x(f, 'measureId')}`;
const pkg = (f: Fixture) => `/api/v1/measure-packages/${x(f, 'measurePackageId')}`;

/**
 * The victim Kommune (Halberstadt) gets a verified assessment with one gap, its generated
 * measure and a delivered package. Positive controls of writes run as admin (the users matrix
 * may have ended the victim ISB's sessions by then).
 */
export const measuresMatrix: DomainMatrix = {
  async setup(t, f) {
    const db = t.database.db;
    const ctx = systemContext(db, 'isolation-fixture');
    const catalog = await createSmallCatalog(db, 'MM');
    const key = catalog.topics.T1[0]!;
    await db
      .insertInto('measure_templates')
      .values({
        catalog_id: catalog.id,
        requirement_id: catalog.requirementIds[key]!,
        template_key: 'mm-1',
        type: 'technical',
        title: 'Datensicherung einrichten',
        position: 0,
      })
      .execute();
    const assessment = await createAssessment(ctx, {
      organisationId: f.victimOrganisationId,
      catalogId: catalog.id,
      phase: 'self',
    });
    await saveAnswer(ctx, assessment.id, key, { status: 'no' });
    await submitAssessment(ctx, assessment.id);
    await verifyAssessment(ctx, assessment.id);
    const generated = await generateMeasures(ctx, assessment.id);
    const delivered = await deliverPackage(ctx, assessment.id);
    Object.assign(f.extra, {
      measuresAssessmentId: assessment.id,
      measureId: generated.items[0]!.id,
      measurePackageId: delivered.id,
    });
  },
  entries: {
    'POST /api/v1/assessments/{id}/measures/generate': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/assessments/${x(f, 'measuresAssessmentId')}/measures/generate`,
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/assessments/{id}/measures': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/assessments/${x(f, 'measuresAssessmentId')}/measures`,
        body: { type: 'organisational', title: 'Übernahmeversuch' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'POST /api/v1/assessments/{id}/measure-packages': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/assessments/${x(f, 'measuresAssessmentId')}/measure-packages`,
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/measures': {
      kind: 'list',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/measures?organisationId=${f.victimOrganisationId}&limit=500`,
      }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((m) => m.organisationId === f.victimOrganisationId),
    },
    'GET /api/v1/measures/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: measure(f) }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/measures/{id}/history': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${measure(f)}/history` }),
      owner: 'isb.halberstadt',
    },
    'PATCH /api/v1/measures/{id}': {
      kind: 'write',
      probe: (f) => ({ method: 'PATCH', url: measure(f), body: { owner: 'Übernahmeversuch' } }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/measures/{id}/status': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `${measure(f)}/status`, body: { status: 'agreed' } }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'GET /api/v1/measure-packages': {
      kind: 'list',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/measure-packages?organisationId=${f.victimOrganisationId}`,
      }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((p) => p.organisationId === f.victimOrganisationId),
    },
    'GET /api/v1/measure-packages/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: pkg(f) }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/measure-packages/{id}/export.xlsx': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${pkg(f)}/export.xlsx` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/measure-packages/{id}/poam': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${pkg(f)}/poam` }),
      owner: 'isb.halberstadt',
    },
  },
};
