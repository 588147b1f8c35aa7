import { z } from 'zod';
import { type Api, contextOf, problemResponses, type RouteDependencies } from '../../../platform/http/api.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import {
  CreateRunBody,
  CreateScheduleBody,
  IdParams,
  OrganisationParams,
  SCAN_RUN_RULE,
  ScanRunDetailSchema,
  ScanRunListQuery,
  ScanRunListSchema,
  ScanRunSchema,
  ScanScheduleListSchema,
  ScanScheduleSchema,
  UpdateScheduleBody,
} from './schemas.ts';
import {
  createScanSchedule,
  deleteScanSchedule,
  getScanRun,
  listScanRuns,
  listScanSchedules,
  requestScanRun,
  updateScanSchedule,
} from './service.ts';

const tags = ['scans'];

export function registerScanRunRoutes(api: Api, deps: RouteDependencies & { jobs: Jobs }): void {
  api.post(
    '/organisations/:id/scan-runs',
    {
      schema: {
        tags,
        summary: 'Queue a scan of one authorised target with the built-in checks',
        description: SCAN_RUN_RULE,
        params: OrganisationParams,
        body: CreateRunBody,
        response: { 201: ScanRunSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await requestScanRun(contextOf(request), deps.jobs, request.params.id, request.body)),
  );
  api.get(
    '/organisations/:id/scan-runs',
    {
      schema: {
        tags,
        summary: 'Scan runs of an organisation, newest first (without the check results)',
        params: OrganisationParams,
        querystring: ScanRunListQuery,
        response: { 200: ScanRunListSchema, ...problemResponses },
      },
    },
    (request) => listScanRuns(contextOf(request), request.params.id, request.query),
  );
  api.get(
    '/scan-runs/:id',
    {
      schema: {
        tags,
        summary: 'One scan run with its check results',
        params: IdParams,
        response: { 200: ScanRunDetailSchema, ...problemResponses },
      },
    },
    (request) => getScanRun(contextOf(request), request.params.id),
  );
  api.post(
    '/organisations/:id/scan-schedules',
    {
      schema: {
        tags,
        summary: 'Scan targets on a schedule (cron, at least an hour apart)',
        description: `${SCAN_RUN_RULE} Every scheduled run checks the authorisation again when it starts.`,
        params: OrganisationParams,
        body: CreateScheduleBody,
        response: { 201: ScanScheduleSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createScanSchedule(contextOf(request), request.params.id, request.body)),
  );
  api.get(
    '/organisations/:id/scan-schedules',
    {
      schema: {
        tags,
        summary: 'Scan schedules of an organisation',
        params: OrganisationParams,
        response: { 200: ScanScheduleListSchema, ...problemResponses },
      },
    },
    (request) => listScanSchedules(contextOf(request), request.params.id),
  );
  api.patch(
    '/scan-schedules/:id',
    {
      schema: {
        tags,
        summary: 'Pause or resume a scan schedule',
        description: 'A paused schedule starts no runs; resuming plans the next run from now.',
        params: IdParams,
        body: UpdateScheduleBody,
        response: { 200: ScanScheduleSchema, ...problemResponses },
      },
    },
    (request) => updateScanSchedule(contextOf(request), request.params.id, request.body),
  );
  api.delete(
    '/scan-schedules/:id',
    {
      schema: {
        tags,
        summary: 'Delete a scan schedule (its past runs stay)',
        params: IdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await deleteScanSchedule(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
