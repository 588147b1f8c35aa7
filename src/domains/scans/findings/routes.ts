import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors.ts';
import {
  type Api,
  contextOf,
  ProblemSchema,
  problemResponses,
  type RouteDependencies,
} from '../../../platform/http/api.ts';
import { listScanContradictions } from './contradictions.ts';
import {
  ACCEPT_RULE,
  AcceptBody,
  CONTRADICTION_RULE,
  ContradictionListSchema,
  FindingDetailSchema,
  FindingListQuery,
  FindingListSchema,
  FindingParams,
  ImportListSchema,
  ImportQuery,
  ImportResultSchema,
  LIGHT_RULE,
  OrganisationParams,
  ReopenBody,
  ScanStatusListSchema,
  ScanStatusSchema,
  StatusQuery,
} from './schemas.ts';
import {
  acceptFinding,
  emptyReport,
  getFinding,
  getScanStatus,
  importScanReport,
  listFindings,
  listImports,
  listScanStatus,
  reopenFinding,
} from './service.ts';

const tags = ['scan findings'];
const writeResponses = {
  ...problemResponses,
  409: ProblemSchema.describe('invalid-state-transition: not possible in the current state'),
};
const userKey = (request: FastifyRequest) => {
  const actor = request.ctx?.actor;
  return actor?.kind === 'user' ? `user:${actor.userId}` : request.ip;
};
/** Report bodies are accepted raw under these types (the format is sniffed from the bytes anyway). */
const REPORT_TYPES = [
  'application/octet-stream',
  'application/xml',
  'text/xml',
  'application/json',
  'application/x-ndjson',
  'application/jsonl',
];

export function registerFindingRoutes(api: Api, { config }: RouteDependencies): void {
  const limitBytes = config.scanImportLimitBytes;
  // Report uploads stream straight into the parsers, in their own encapsulated context so no other
  // route accepts raw bodies. Fastify's bodyLimit does not apply to stream parsers: the service
  // refuses by Content-Length first and counts the bytes while reading.
  api.register(async (instance) => {
    const raw = instance.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser(REPORT_TYPES, (_request, payload, done) => done(null, payload));
    raw.addContentTypeParser('*', (_request, _payload, done) =>
      done(
        new AppError('unsupported-media-type', {
          detail: 'Scanberichte bitte als Rohdaten senden (Content-Type: application/octet-stream).',
        }),
        undefined,
      ),
    );
    raw.post(
      '/organisations/:id/scan-imports',
      {
        config: { rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: userKey } },
        schema: {
          tags,
          summary: 'Import a scanner report for a Kommune (all or nothing)',
          description: `Body: the report file as application/octet-stream (at most ${limitBytes} bytes, BASTEI_SCAN_IMPORT_LIMIT_BYTES; larger ones answer 413 without being read). Greenbone/OpenVAS XML, Nmap XML, testssl.sh JSON, Nuclei JSON/JSONL and internet.nl batch JSON; the format is detected from the content unless \`format\` says it. Findings are deduplicated per asset and check; findings of the same scanner on covered hosts/ports that the report no longer lists become fixed, reported fixed ones reopen. Needs scan.import (ISB of the Kommune, the ministry, admin).`,
          consumes: REPORT_TYPES,
          params: OrganisationParams,
          querystring: ImportQuery,
          response: { 201: ImportResultSchema, 413: ProblemSchema, 415: ProblemSchema, ...writeResponses },
        },
      },
      async (request, reply) => {
        const body = request.body as Readable | undefined;
        const length = Number(request.headers['content-length']);
        try {
          if (!body) throw emptyReport();
          const result = await importScanReport(contextOf(request), {
            organisationId: request.params.id,
            body,
            ...(request.query.filename ? { fileName: request.query.filename } : {}),
            format: request.query.format,
            ...(Number.isFinite(length) ? { declaredSize: length } : {}),
            limitBytes,
          });
          reply.header('location', `/api/v1/organisations/${result.organisationId}/scan-imports`);
          return reply.code(201).send(result);
        } catch (error) {
          // The rest of a refused upload is not read: close the connection instead of draining it.
          if (body && !body.readableEnded) reply.header('connection', 'close');
          throw error;
        }
      },
    );
  });

  api.get(
    '/organisations/:id/scan-imports',
    {
      schema: {
        tags,
        summary: 'Report imports and scan runs of a Kommune, newest first',
        params: OrganisationParams,
        response: { 200: ImportListSchema, ...problemResponses },
      },
    },
    (request) => listImports(contextOf(request), request.params.id),
  );
  api.get(
    '/scan-findings',
    {
      schema: {
        tags,
        summary: 'Scan findings the caller may see, filtered by state, severity, host, source, check',
        querystring: FindingListQuery,
        response: { 200: FindingListSchema, ...problemResponses },
      },
    },
    (request) => listFindings(contextOf(request), request.query),
  );
  api.get(
    '/scan-findings/:id',
    {
      schema: {
        tags,
        summary: 'A finding with its history and linked measures',
        params: FindingParams,
        response: { 200: FindingDetailSchema, ...problemResponses },
      },
    },
    (request) => getFinding(contextOf(request), request.params.id),
  );
  api.post(
    '/scan-findings/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept the risk of an open finding with a reason and an expiry',
        description: ACCEPT_RULE,
        params: FindingParams,
        body: AcceptBody,
        response: { 200: FindingDetailSchema, ...writeResponses },
      },
    },
    (request) => acceptFinding(contextOf(request), request.params.id, request.body),
  );
  api.post(
    '/scan-findings/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen an accepted or fixed finding',
        params: FindingParams,
        body: ReopenBody,
        response: { 200: FindingDetailSchema, ...writeResponses },
      },
    },
    (request) => reopenFinding(contextOf(request), request.params.id, request.body),
  );
  api.get(
    '/organisations/:id/scan-status',
    {
      schema: {
        tags,
        summary: 'Traffic light of a Kommune with the daily trend of open findings and the imports',
        description: LIGHT_RULE,
        params: OrganisationParams,
        querystring: StatusQuery,
        response: { 200: ScanStatusSchema, ...problemResponses },
      },
    },
    (request) => getScanStatus(contextOf(request), request.params.id, request.query.days),
  );
  api.get(
    '/scan-status',
    {
      schema: {
        tags,
        summary: 'Traffic light of every Kommune in the caller’s scope (state overview)',
        description: LIGHT_RULE,
        response: { 200: ScanStatusListSchema, ...problemResponses },
      },
    },
    (request) => listScanStatus(contextOf(request)),
  );
  api.get(
    '/assessments/:id/scan-contradictions',
    {
      schema: {
        tags,
        summary: 'Requirements answered “yes”/“partial” that open scan findings contradict',
        description: CONTRADICTION_RULE,
        params: FindingParams,
        response: { 200: ContradictionListSchema, ...problemResponses },
      },
    },
    (request) => listScanContradictions(contextOf(request), request.params.id),
  );
}
