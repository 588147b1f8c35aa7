import type { DomainMatrix, Fixture } from '../../../test/isolation.ts';
import { systemContext } from '../../platform/context.ts';
import { uploadEvidence } from './evidence/service.ts';
import {
  createAssessment,
  exportOscal,
  freezeAssessment,
  saveAnswer,
  submitAssessment,
  verifyAssessment,
} from './service.ts';
import { createSmallCatalog } from './test-support.ts';

const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`assessments matrix: fixture.extra.${name} missing`);
  return value;
};
const base = (f: Fixture, name = 'assessmentId') => `/api/v1/assessments/${x(f, name)}`;

/**
 * Positive controls of POST/DELETE run as admin: by the time they run, the users matrix has
 * reset the victim ISB's password (which ends her sessions). The ISB's own rights are tested in
 * assessments.test.ts and bad-input.test.ts.
 *
 * The victim Kommune (Halberstadt) gets one assessment per state a probe needs, so every write's
 * positive control finds its object in the right state whatever order the probes run in:
 * `assessmentId` (draft, with evidence), `assessmentToSubmitId` (draft), `assessmentSubmittedId`, `assessmentToVerifyId`
 * (submitted), `assessmentVerifiedId` and `assessmentFrozenId`.
 */
export const assessmentsMatrix: DomainMatrix = {
  async setup(t, f) {
    const ctx = systemContext(t.database.db, 'isolation-fixture');
    const catalog = await createSmallCatalog(t.database.db, 'IM');
    const key = catalog.topics.T1[0]!;
    const make = async () =>
      (
        await createAssessment(ctx, {
          organisationId: f.victimOrganisationId,
          catalogId: catalog.id,
          phase: 'self',
        })
      ).id;
    const ids = {
      assessmentId: await make(),
      assessmentToSubmitId: await make(),
      assessmentSubmittedId: await make(),
      assessmentToVerifyId: await make(),
      assessmentVerifiedId: await make(),
      assessmentFrozenId: await make(),
    };
    await saveAnswer(ctx, ids.assessmentFrozenId, key, { status: 'partial', justification: 'teilweise' });
    for (const id of [
      ids.assessmentSubmittedId,
      ids.assessmentToVerifyId,
      ids.assessmentVerifiedId,
      ids.assessmentFrozenId,
    ])
      await submitAssessment(ctx, id);
    for (const id of [ids.assessmentVerifiedId, ids.assessmentFrozenId]) await verifyAssessment(ctx, id);
    await freezeAssessment(ctx, ids.assessmentFrozenId);
    const { evidence } = await uploadEvidence(
      ctx,
      {
        assessmentId: ids.assessmentId,
        requirementRef: key,
        filename: 'nachweis.txt',
        bytes: Buffer.from('Nachweis\n'),
      },
      { filesDir: t.config.filesDir },
    );
    Object.assign(f.extra, ids, {
      assessmentRequirementKey: key,
      assessmentCatalogId: catalog.id,
      assessmentEvidenceId: evidence.id,
      assessmentImportDocument: JSON.stringify(await exportOscal(ctx, ids.assessmentFrozenId)),
    });
  },
  entries: {
    'GET /api/v1/assessments': {
      kind: 'list',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/assessments?organisationId=${f.victimOrganisationId}&limit=500`,
      }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((a) => a.organisationId === f.victimOrganisationId),
    },
    'POST /api/v1/assessments': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: '/api/v1/assessments',
        body: { organisationId: f.victimOrganisationId, catalogId: x(f, 'assessmentCatalogId') },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'POST /api/v1/assessments/import': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: '/api/v1/assessments/import',
        body: {
          organisationId: f.victimOrganisationId,
          document: JSON.parse(x(f, 'assessmentImportDocument')),
        },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/assessments/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: base(f) }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/assessments/{id}/answers': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${base(f)}/answers` }),
      owner: 'isb.halberstadt',
    },
    'PUT /api/v1/assessments/{id}/answers': {
      kind: 'write',
      probe: (f) => ({
        method: 'PUT',
        url: `${base(f)}/answers`,
        body: { answers: [{ requirementId: x(f, 'assessmentRequirementKey'), status: 'no' }] },
      }),
      owner: 'isb.halberstadt',
      ownerStatus: 200,
    },
    'PUT /api/v1/assessments/{id}/answers/{requirementId}': {
      kind: 'write',
      probe: (f) => ({
        method: 'PUT',
        url: `${base(f)}/answers/${x(f, 'assessmentRequirementKey')}`,
        body: { status: 'yes', justification: 'Übernahmeversuch' },
      }),
      owner: 'isb.halberstadt',
      ownerStatus: 200,
    },
    'GET /api/v1/assessments/{id}/answers/{requirementId}/history': {
      kind: 'read',
      probe: (f) => ({
        method: 'GET',
        url: `${base(f, 'assessmentFrozenId')}/answers/${x(f, 'assessmentRequirementKey')}/history`,
      }),
      owner: 'isb.halberstadt',
    },
    'PUT /api/v1/assessments/{id}/answers/{requirementId}/override': {
      kind: 'write',
      probe: (f) => ({
        method: 'PUT',
        url: `${base(f, 'assessmentSubmittedId')}/answers/${x(f, 'assessmentRequirementKey')}/override`,
        body: { status: 'yes', note: 'Übernahmeversuch' },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/assessments/{id}/evidence': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${base(f)}/evidence?requirementId=${x(f, 'assessmentRequirementKey')}&filename=probe.txt`,
        body: 'Untergeschobener Nachweis\n',
        headers: { 'content-type': 'application/octet-stream' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/assessments/{id}/evidence': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${base(f)}/evidence` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/assessments/{id}/evidence/{evidenceId}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${base(f)}/evidence/${x(f, 'assessmentEvidenceId')}` }),
      owner: 'isb.halberstadt',
    },
    'DELETE /api/v1/assessments/{id}/evidence/{evidenceId}': {
      kind: 'write',
      probe: (f) => ({ method: 'DELETE', url: `${base(f)}/evidence/${x(f, 'assessmentEvidenceId')}` }),
      owner: 'admin',
      ownerStatus: 204,
    },
    'GET /api/v1/assessments/{id}/samples': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${base(f, 'assessmentSubmittedId')}/samples` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/assessments/{id}/samples': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${base(f, 'assessmentSubmittedId')}/samples`,
        body: {
          requirementId: x(f, 'assessmentRequirementKey'),
          description: 'Stichprobe',
          result: 'passed',
        },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'POST /api/v1/assessments/{id}/submit': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `${base(f, 'assessmentToSubmitId')}/submit` }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/assessments/{id}/verify': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `${base(f, 'assessmentToVerifyId')}/verify` }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/assessments/{id}/freeze': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `${base(f, 'assessmentVerifiedId')}/freeze` }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/assessments/{id}/next-phase': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${base(f, 'assessmentFrozenId')}/next-phase`,
        body: { phase: 'on_site' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/assessments/{id}/scores': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${base(f, 'assessmentFrozenId')}/scores` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/assessments/{id}/compare/{baseId}': {
      kind: 'read',
      probe: (f) => ({
        method: 'GET',
        url: `${base(f, 'assessmentFrozenId')}/compare/${x(f, 'assessmentId')}`,
      }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/assessments/{id}/oscal': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${base(f, 'assessmentFrozenId')}/oscal` }),
      owner: 'isb.halberstadt',
    },
  },
};
