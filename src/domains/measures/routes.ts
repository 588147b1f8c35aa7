import { z } from 'zod';
import { type Api, contextOf, ProblemSchema, problemResponses } from '../../platform/http/api.ts';
import { attachmentDisposition } from '../assessments/evidence/service.ts';
import { packagePoam, packageXlsx, XLSX_MEDIA_TYPE } from './exports.ts';
import {
  AssessmentParams,
  GenerateResultSchema,
  MeasureCreateBody,
  MeasureHistorySchema,
  MeasureListQuery,
  MeasureListSchema,
  MeasureParams,
  MeasurePatchBody,
  MeasureSchema,
  PackageDetailSchema,
  PackageListQuery,
  PackageListSchema,
  PRIORITY_RULE,
  STATUS_RULE,
  StatusBody,
} from './schemas.ts';
import {
  changeMeasureStatus,
  createMeasure,
  deliverPackage,
  generateMeasures,
  getMeasure,
  getMeasureHistory,
  getPackage,
  listMeasures,
  listPackages,
  packageSnapshot,
  updateMeasure,
} from './service.ts';

const tags = ['measures'];
const writeResponses = {
  ...problemResponses,
  409: ProblemSchema.describe('invalid-state-transition: not possible in the current status'),
};

export function registerMeasureRoutes(api: Api): void {
  api.post(
    '/assessments/:id/measures/generate',
    {
      schema: {
        tags,
        summary:
          'Generate measures from the gaps (effective answer no / partial) of a verified or frozen assessment',
        description: `Idempotent: existing (possibly edited) measures are kept, only missing ones are added. Same type and title merge into one measure with all sources. ${PRIORITY_RULE}`,
        params: AssessmentParams,
        response: { 200: GenerateResultSchema, ...writeResponses },
      },
    },
    (request) => generateMeasures(contextOf(request), request.params.id),
  );
  api.post(
    '/assessments/:id/measures',
    {
      schema: {
        tags,
        summary: 'Add a measure by hand to a verified or frozen assessment (no source requirement)',
        description:
          'Priority 1 (highest) … 4, default 2. Starts as proposed; changes and status as for generated measures.',
        params: AssessmentParams,
        body: MeasureCreateBody,
        response: { 201: MeasureSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createMeasure(contextOf(request), request.params.id, request.body)),
  );
  api.post(
    '/assessments/:id/measure-packages',
    {
      schema: {
        tags,
        summary: 'Freeze the assessment’s measures as the Kommune’s next package version and deliver it',
        params: AssessmentParams,
        response: { 201: PackageDetailSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deliverPackage(contextOf(request), request.params.id)),
  );
  api.get(
    '/measures',
    {
      schema: {
        tags,
        summary:
          'Measures the caller may see, by priority (filters: organisation, assessment, status, type, priority)',
        querystring: MeasureListQuery,
        response: { 200: MeasureListSchema, ...problemResponses },
      },
    },
    (request) => listMeasures(contextOf(request), request.query),
  );
  api.get(
    '/measures/:id',
    {
      schema: {
        tags,
        summary: 'One measure',
        params: MeasureParams,
        response: { 200: MeasureSchema, ...problemResponses },
      },
    },
    (request) => getMeasure(contextOf(request), request.params.id),
  );
  api.get(
    '/measures/:id/history',
    {
      schema: {
        tags,
        summary: 'Every status and field change of a measure',
        params: MeasureParams,
        response: { 200: MeasureHistorySchema, ...problemResponses },
      },
    },
    (request) => getMeasureHistory(contextOf(request), request.params.id),
  );
  api.patch(
    '/measures/:id',
    {
      schema: {
        tags,
        summary: 'Edit owner, due date, priority, cost, funding stage, type, title, description',
        params: MeasureParams,
        body: MeasurePatchBody,
        response: { 200: MeasureSchema, ...writeResponses },
      },
    },
    (request) => updateMeasure(contextOf(request), request.params.id, request.body),
  );
  api.post(
    '/measures/:id/status',
    {
      schema: {
        tags,
        summary: 'Change the status of a measure',
        description: STATUS_RULE,
        params: MeasureParams,
        body: StatusBody,
        response: { 200: MeasureSchema, ...writeResponses },
      },
    },
    (request) => changeMeasureStatus(contextOf(request), request.params.id, request.body),
  );
  api.get(
    '/measure-packages',
    {
      schema: {
        tags,
        summary: 'Delivered measures packages the caller may see (newest version first)',
        querystring: PackageListQuery,
        response: { 200: PackageListSchema, ...problemResponses },
      },
    },
    (request) => listPackages(contextOf(request), request.query),
  );
  api.get(
    '/measure-packages/:id',
    {
      schema: {
        tags,
        summary: 'One package version with its frozen measures',
        params: MeasureParams,
        response: { 200: PackageDetailSchema, ...problemResponses },
      },
    },
    (request) => getPackage(contextOf(request), request.params.id),
  );
  api.get(
    '/measure-packages/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The package as an Excel workbook (sheet „Maßnahmen“)',
        params: MeasureParams,
        response: { 200: z.any().describe('the XLSX file'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const snapshot = await packageSnapshot(contextOf(request), request.params.id);
      const bytes = await packageXlsx(snapshot);
      return reply
        .header('content-type', XLSX_MEDIA_TYPE)
        .header('content-disposition', attachmentDisposition(`massnahmenpaket-v${snapshot.version}.xlsx`))
        .send(bytes);
    },
  );
  api.get(
    '/measure-packages/:id/poam',
    {
      schema: {
        tags,
        summary: 'The package as OSCAL 1.1.3 plan-of-action-and-milestones JSON',
        params: MeasureParams,
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses },
      },
    },
    async (request) => packagePoam(await packageSnapshot(contextOf(request), request.params.id)),
  );
}
