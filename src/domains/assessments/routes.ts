import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import {
  type Api,
  contextOf,
  ProblemSchema,
  problemResponses,
  type RouteDependencies,
} from '../../platform/http/api.ts';
import {
  attachmentDisposition,
  listEvidence,
  openEvidence,
  removeEvidence,
  uploadEvidence,
} from './evidence/service.ts';
import {
  AnswerBody,
  AnswerHistorySchema,
  AnswerParams,
  AnswerSchema,
  AnswersByTopicSchema,
  AnswersQuery,
  AssessmentListQuery,
  AssessmentListSchema,
  AssessmentParams,
  AssessmentSchema,
  BulkAnswersBody,
  CompareParams,
  ComparisonSchema,
  CreateAssessmentBody,
  EvidenceListQuery,
  EvidenceListSchema,
  EvidenceParams,
  EvidenceSchema,
  EvidenceUploadQuery,
  ImportBody,
  NextPhaseBody,
  OscalDocumentSchema,
  OverrideBody,
  SampleBody,
  SampleListSchema,
  SampleSchema,
  SCORE_FORMULA,
  ScoresSchema,
} from './schemas.ts';
import {
  compareAssessments,
  createAssessment,
  exportOscal,
  freezeAssessment,
  getAnswerHistory,
  getAssessment,
  getScores,
  importOscal,
  listAnswers,
  listAssessments,
  listSamples,
  overrideAnswer,
  recordSample,
  saveAnswer,
  saveAnswers,
  startNextPhase,
  submitAssessment,
  verifyAssessment,
} from './service.ts';

const tags = ['assessments'];
const conflict = {
  409: ProblemSchema.describe('invalid-state-transition: not possible in the current status'),
};
const writeResponses = { ...problemResponses, ...conflict };
const userKey = (request: FastifyRequest) => {
  const actor = request.ctx?.actor;
  return actor?.kind === 'user' ? `user:${actor.userId}` : request.ip;
};

export function registerAssessmentRoutes(api: Api, { config }: RouteDependencies): void {
  const storage = { filesDir: config.filesDir };
  // Imports, exports and uploads are costly: bounded per user (SECURITY.md, ASVS 2.4.1).
  const costly = { rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: userKey } };

  api.get(
    '/assessments',
    {
      schema: {
        tags,
        summary: 'Assessments the caller may see (Kommune: its own; auditor: assigned; ministry: its state)',
        querystring: AssessmentListQuery,
        response: { 200: AssessmentListSchema, ...problemResponses },
      },
    },
    (request) => listAssessments(contextOf(request), request.query),
  );
  api.post(
    '/assessments',
    {
      schema: {
        tags,
        summary:
          'Create an assessment of a Kommune from a catalog (whole, a list of requirements, or a level profile)',
        body: CreateAssessmentBody,
        response: { 201: AssessmentSchema, ...writeResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createAssessment(contextOf(request), request.body)),
  );
  api.post(
    '/assessments/import',
    {
      bodyLimit: config.uploadLimitBytes,
      config: costly,
      schema: {
        tags,
        summary: 'Import OSCAL assessment-results as a new draft assessment',
        description:
          'The document is validated against the OSCAL 1.1.3 assessment-results JSON schema (when the server has it, BASTEI_OSCAL_SCHEMA_DIR) and structurally; errors name the JSON pointer (/body/document/…).',
        body: ImportBody,
        response: { 201: AssessmentSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await importOscal(contextOf(request), request.body, { schemaDir: config.oscalSchemaDir })),
  );
  api.get(
    '/assessments/:id',
    {
      schema: {
        tags,
        summary: 'One assessment with its progress per topic (answered / total)',
        params: AssessmentParams,
        response: { 200: AssessmentSchema, ...problemResponses },
      },
    },
    (request) => getAssessment(contextOf(request), request.params.id),
  );
  api.get(
    '/assessments/:id/answers',
    {
      schema: {
        tags,
        summary: 'Answers by topic, with the requirement text and evidence',
        params: AssessmentParams,
        querystring: AnswersQuery,
        response: { 200: AnswersByTopicSchema, ...problemResponses },
      },
    },
    (request) => listAnswers(contextOf(request), request.params.id, request.query),
  );
  api.put(
    '/assessments/:id/answers',
    {
      schema: {
        tags,
        summary: 'Save many answers at once (draft only; all or nothing)',
        params: AssessmentParams,
        body: BulkAnswersBody,
        response: {
          200: z.object({
            organisationId: z.uuid(),
            assessmentId: z.uuid(),
            changed: z.number().int(),
            answers: z.array(AnswerSchema),
          }),
          ...writeResponses,
        },
      },
    },
    (request) => saveAnswers(contextOf(request), request.params.id, request.body),
  );
  api.put(
    '/assessments/:id/answers/:requirementId',
    {
      schema: {
        tags,
        summary: 'Save one answer (draft only; save as you go)',
        description:
          'requirementId is the requirement’s id or key. Omitted justification / responsible stay as they are; null or "" removes them. A requirement outside the assessment answers 400.',
        params: AnswerParams,
        body: AnswerBody,
        response: { 200: AnswerSchema, ...writeResponses },
      },
    },
    (request) =>
      saveAnswer(contextOf(request), request.params.id, request.params.requirementId, request.body),
  );
  api.get(
    '/assessments/:id/answers/:requirementId/history',
    {
      schema: {
        tags,
        summary: 'Every change of one answer and of its override: who, when, before, after',
        params: AnswerParams,
        response: { 200: AnswerHistorySchema, ...problemResponses },
      },
    },
    (request) => getAnswerHistory(contextOf(request), request.params.id, request.params.requirementId),
  );
  api.put(
    '/assessments/:id/answers/:requirementId/override',
    {
      schema: {
        tags,
        summary:
          'Auditor: override an answer with a note, or remove the override (status null); while submitted',
        params: AnswerParams,
        body: OverrideBody,
        response: { 200: AnswerSchema, ...writeResponses },
      },
    },
    (request) =>
      overrideAnswer(contextOf(request), request.params.id, request.params.requirementId, request.body),
  );

  // Evidence upload: the raw file as application/octet-stream (no multipart), in its own
  // encapsulated context so no other route accepts raw bodies. The CSRF header is required as on
  // every write (authenticate.ts); the client's Content-Type is not trusted, the bytes are sniffed.
  api.register(async (instance) => {
    const files = instance.withTypeProvider<ZodTypeProvider>();
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: config.uploadLimitBytes },
      (_request, body, done) => done(null, body),
    );
    files.addContentTypeParser('*', (_request, _payload, done) =>
      done(
        new AppError('unsupported-media-type', {
          detail: 'Nachweisdateien bitte als Rohdaten senden (Content-Type: application/octet-stream).',
        }),
        undefined,
      ),
    );
    files.post(
      '/assessments/:id/evidence',
      {
        bodyLimit: config.uploadLimitBytes,
        config: costly,
        schema: {
          tags,
          summary: 'Upload an evidence file for an answer (draft only)',
          description: `Body: the file as application/octet-stream (at most ${config.uploadLimitBytes} bytes). Allowed: PDF, PNG, JPEG, DOCX, XLSX, ODT, UTF-8 text; the type is sniffed from the bytes and must match the file name’s extension; zip containers are bounded (zip bombs are refused). 201 for a new file, 200 when the same file is already attached to that answer.`,
          consumes: ['application/octet-stream'],
          params: AssessmentParams,
          querystring: EvidenceUploadQuery,
          response: {
            200: EvidenceSchema,
            201: EvidenceSchema,
            413: ProblemSchema,
            415: ProblemSchema,
            ...writeResponses,
          },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
          throw new AppError('validation-failed', {
            detail: 'Die Datei fehlt (leerer Inhalt).',
            errors: [{ pointer: '/body', message: 'leer' }],
          });
        }
        const { evidence, created } = await uploadEvidence(
          contextOf(request),
          {
            assessmentId: request.params.id,
            requirementRef: request.query.requirementId,
            filename: request.query.filename,
            bytes: request.body,
          },
          storage,
        );
        return reply.code(created ? 201 : 200).send(evidence);
      },
    );
  });

  api.get(
    '/assessments/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Evidence files of an assessment (optionally of one requirement)',
        params: AssessmentParams,
        querystring: EvidenceListQuery,
        response: { 200: EvidenceListSchema, ...problemResponses },
      },
    },
    (request) => listEvidence(contextOf(request), request.params.id, request.query.requirementId),
  );
  api.get(
    '/assessments/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Download an evidence file (Content-Disposition: attachment, nosniff)',
        params: EvidenceParams,
        response: { 200: z.any().describe('the file'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { evidence, stream } = await openEvidence(
        contextOf(request),
        request.params.id,
        request.params.evidenceId,
        storage,
      );
      return reply
        .header('content-type', evidence.mediaType)
        .header('content-length', String(evidence.size))
        .header('content-disposition', attachmentDisposition(evidence.originalName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
  api.delete(
    '/assessments/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Remove an evidence file from an answer (draft only)',
        params: EvidenceParams,
        response: { 204: z.null(), ...writeResponses },
      },
    },
    async (request, reply) => {
      await removeEvidence(contextOf(request), request.params.id, request.params.evidenceId);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/assessments/:id/samples',
    {
      schema: {
        tags,
        summary: 'Technical samples the auditor recorded',
        params: AssessmentParams,
        response: { 200: SampleListSchema, ...problemResponses },
      },
    },
    (request) => listSamples(contextOf(request), request.params.id),
  );
  api.post(
    '/assessments/:id/samples',
    {
      schema: {
        tags,
        summary: 'Auditor: record a technical sample for a requirement (while submitted)',
        params: AssessmentParams,
        body: SampleBody,
        response: { 201: SampleSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordSample(contextOf(request), request.params.id, request.body)),
  );

  const transitions = [
    ['submit', 'ISB: submit the draft (answers become read-only)', submitAssessment],
    ['verify', 'Auditor: verify the submitted assessment', verifyAssessment],
    ['freeze', 'Auditor: freeze the verified assessment (snapshot; immutable from now on)', freezeAssessment],
  ] as const;
  for (const [path, summary, action] of transitions) {
    api.post(
      `/assessments/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: AssessmentParams,
          response: { 200: AssessmentSchema, ...writeResponses },
        },
      },
      (request) => action(contextOf(request), request.params.id),
    );
  }
  api.post(
    '/assessments/:id/next-phase',
    {
      schema: {
        tags,
        summary:
          'Start the next phase (on_site, re_assessment) from a frozen assessment, copying its effective answers',
        params: AssessmentParams,
        body: NextPhaseBody,
        response: { 201: AssessmentSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await startNextPhase(contextOf(request), request.params.id, request.body)),
  );

  api.get(
    '/assessments/:id/scores',
    {
      schema: {
        tags,
        summary: 'Scores per topic and overall',
        description: `Formula: ${SCORE_FORMULA}`,
        params: AssessmentParams,
        response: { 200: ScoresSchema, ...problemResponses },
      },
    },
    (request) => getScores(contextOf(request), request.params.id),
  );
  api.get(
    '/assessments/:id/compare/:baseId',
    {
      schema: {
        tags,
        summary: 'Compare this assessment with an earlier one, requirement by requirement',
        description:
          'Requirements are matched by key. improved / worsened: the fulfilment (yes 1, partial 0.5, no and open 0) rose / fell; unchanged: equal fulfilment; applicability_changed: exactly one side not_applicable; added / removed: in only one of the two. Frozen assessments compare by their snapshots.',
        params: CompareParams,
        response: { 200: ComparisonSchema, ...problemResponses },
      },
    },
    (request) => compareAssessments(contextOf(request), request.params.id, request.params.baseId),
  );
  api.get(
    '/assessments/:id/oscal',
    {
      config: costly,
      schema: {
        tags,
        summary: 'Export as OSCAL 1.1.3 assessment-results JSON (frozen: the snapshot)',
        params: AssessmentParams,
        response: { 200: OscalDocumentSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const document = await exportOscal(contextOf(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="assessment-results-${request.params.id}.json"`)
        .send(document);
    },
  );
}
