import { z } from 'zod';
import { type Api, contextOf, ProblemSchema, problemResponses } from '../../platform/http/api.ts';
import { attachmentDisposition } from '../assessments/evidence/service.ts';
import {
  AdvisoryLinkBody,
  AdvisoryParams,
  AnswerBody,
  CASE_STATUS_RULE,
  CasePatchBody,
  CreateIncidentBody,
  DEADLINE_RULE,
  IncidentListQuery,
  IncidentListSchema,
  IncidentParams,
  IncidentSchema,
  InfoRequestBody,
  NoteBody,
  RecipientsQuery,
  RecipientsSchema,
  RequestParams,
  SUBMISSION_RULE,
  SubmissionBody,
  SubmissionSchema,
  TaskBody,
  TaskParams,
  TaskPatchBody,
  VersionParams,
} from './schemas.ts';
import {
  addNote,
  addTask,
  answerInfoRequest,
  createIncident,
  exportIncidentJson,
  exportIncidentMisp,
  getIncident,
  getSubmission,
  linkAdvisory,
  listIncidents,
  listRecipients,
  requestInformation,
  submitIncident,
  unlinkAdvisory,
  updateCase,
  updateTask,
} from './service.ts';

const tags = ['incidents'];
const writeResponses = {
  ...problemResponses,
  409: ProblemSchema.describe('invalid-state-transition / conflict: not possible in the current state'),
};
const TLP_NOTE =
  'Lesen nur mit Rolle (incident.read) und TLP-Freigabe: meldende Kommune und CERT bis AMBER+STRICT, TLP:RED nur benannte Personen; sonst 404.';

export function registerIncidentRoutes(api: Api): void {
  api.get(
    '/incident-recipients',
    {
      schema: {
        tags,
        summary: 'Whom the reporting Kommune may name for TLP:RED (its people and the state CERT’s analysts)',
        querystring: RecipientsQuery,
        response: { 200: RecipientsSchema, ...writeResponses },
      },
    },
    (request) => listRecipients(contextOf(request), request.query.organisationId),
  );
  api.post(
    '/incidents',
    {
      schema: {
        tags,
        summary:
          'Report a security incident to the state CERT (first submission: early warning or notification)',
        description: `${SUBMISSION_RULE} ${DEADLINE_RULE} Bei personenbezogenen Daten enthält die Antwort den Hinweis auf die gesonderte Meldung an die Datenschutzaufsicht (Art. 33 DSGVO).`,
        body: CreateIncidentBody,
        response: { 201: IncidentSchema, ...writeResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createIncident(contextOf(request), request.body)),
  );
  api.get(
    '/incidents',
    {
      schema: {
        tags,
        summary:
          'Incident reports the caller may know of (newest first); labelled-away ones as redacted stubs',
        description: `Filter overdue=true: Berichte mit überfälliger Frist (nur lesbare). ${TLP_NOTE}`,
        querystring: IncidentListQuery,
        response: { 200: IncidentListSchema, ...problemResponses },
      },
    },
    (request) => listIncidents(contextOf(request), request.query),
  );
  api.get(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident report with deadlines, versions, case and requests for information',
        description: `${TLP_NOTE} Interne Notizen, Aufgaben und Verknüpfungen sieht nur das CERT.`,
        params: IncidentParams,
        response: { 200: IncidentSchema, ...problemResponses },
      },
    },
    (request) => getIncident(contextOf(request), request.params.id),
  );
  api.post(
    '/incidents/:id/submissions',
    {
      schema: {
        tags,
        summary: 'Submit the next version of the report (notification, intermediate or final report)',
        description: SUBMISSION_RULE,
        params: IncidentParams,
        body: SubmissionBody,
        response: { 201: IncidentSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submitIncident(contextOf(request), request.params.id, request.body)),
  );
  api.get(
    '/incidents/:id/submissions/:version',
    {
      schema: {
        tags,
        summary: 'One submitted version (immutable), with the full report as it was',
        params: VersionParams,
        response: { 200: SubmissionSchema, ...problemResponses },
      },
    },
    (request) => getSubmission(contextOf(request), request.params.id, request.params.version),
  );
  api.patch(
    '/incidents/:id/case',
    {
      schema: {
        tags,
        summary: 'CERT: change the case status, assign an analyst, ask for an intermediate report',
        description: CASE_STATUS_RULE,
        params: IncidentParams,
        body: CasePatchBody,
        response: { 200: IncidentSchema, ...writeResponses },
      },
    },
    (request) => updateCase(contextOf(request), request.params.id, request.body),
  );
  api.post(
    '/incidents/:id/case/tasks',
    {
      schema: {
        tags,
        summary: 'CERT: add a task to the case',
        params: IncidentParams,
        body: TaskBody,
        response: { 201: IncidentSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addTask(contextOf(request), request.params.id, request.body.title)),
  );
  api.patch(
    '/incidents/:id/case/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'CERT: rename a task or mark it done / not done',
        params: TaskParams,
        body: TaskPatchBody,
        response: { 200: IncidentSchema, ...writeResponses },
      },
    },
    (request) => updateTask(contextOf(request), request.params.id, request.params.taskId, request.body),
  );
  api.post(
    '/incidents/:id/case/notes',
    {
      schema: {
        tags,
        summary: 'CERT: add an internal note (never shown to the Kommune)',
        params: IncidentParams,
        body: NoteBody,
        response: { 201: IncidentSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addNote(contextOf(request), request.params.id, request.body.text)),
  );
  api.post(
    '/incidents/:id/case/advisories',
    {
      schema: {
        tags,
        summary: 'CERT: link an advisory (by id) to the case',
        params: IncidentParams,
        body: AdvisoryLinkBody,
        response: { 200: IncidentSchema, ...writeResponses },
      },
    },
    (request) => linkAdvisory(contextOf(request), request.params.id, request.body.advisoryId),
  );
  api.delete(
    '/incidents/:id/case/advisories/:advisoryId',
    {
      schema: {
        tags,
        summary: 'CERT: remove an advisory link',
        params: AdvisoryParams,
        response: { 204: z.null(), ...writeResponses },
      },
    },
    async (request, reply) => {
      await unlinkAdvisory(contextOf(request), request.params.id, request.params.advisoryId);
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/incidents/:id/requests',
    {
      schema: {
        tags,
        summary: 'CERT: ask the Kommune for information (question and due date)',
        params: IncidentParams,
        body: InfoRequestBody,
        response: { 201: IncidentSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestInformation(contextOf(request), request.params.id, request.body)),
  );
  api.post(
    '/incidents/:id/requests/:requestId/answer',
    {
      schema: {
        tags,
        summary: 'Kommune: answer a request for information of the CERT',
        params: RequestParams,
        body: AnswerBody,
        response: { 200: IncidentSchema, ...writeResponses },
      },
    },
    (request) =>
      answerInfoRequest(contextOf(request), request.params.id, request.params.requestId, request.body.answer),
  );
  api.get(
    '/incidents/:id/export.json',
    {
      schema: {
        tags,
        summary:
          'The report in Bastei’s versioned JSON exchange format (urn:bastei:incident-report, version 1)',
        params: IncidentParams,
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { reference, document } = await exportIncidentJson(contextOf(request), request.params.id);
      return reply.header('content-disposition', attachmentDisposition(`${reference}.json`)).send(document);
    },
  );
  api.get(
    '/incidents/:id/export.misp.json',
    {
      schema: {
        tags,
        summary: 'The report as a MISP event (MISP core format JSON; observables as attributes, TLP as tag)',
        params: IncidentParams,
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { reference, document } = await exportIncidentMisp(contextOf(request), request.params.id);
      return reply
        .header('content-disposition', attachmentDisposition(`${reference}.misp.json`))
        .send(document);
    },
  );
}
