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
import { createNotifier } from '../../platform/notifications/notifications.ts';
import { attachmentDisposition } from '../assessments/evidence/service.ts';
import { DEFAULT_MAX_CSAF_BYTES } from './csaf/validate.ts';
import {
  AcknowledgeBody,
  AdvisoryDetailSchema,
  AdvisoryListQuery,
  AdvisoryListSchema,
  AdvisoryParams,
  AliasBody,
  AliasListQuery,
  AliasListSchema,
  AliasSaveResultSchema,
  DistributionLogSchema,
  ImportQuery,
  ImportResultSchema,
  MatchListQuery,
  MatchListSchema,
  MatchSchema,
  PublicAdvisoryListQuery,
  PublishBody,
  RecipientSchema,
  RespondBody,
  ReviewBody,
  VexQuery,
  WarningDetailSchema,
  WarningListQuery,
  WarningListSchema,
  WarningParams,
} from './schemas.ts';
import {
  deleteAlias,
  getAdvisory,
  getAdvisoryDocument,
  importAdvisory,
  listAdvisories,
  listAliases,
  listMatches,
  listPublicAdvisories,
  reviewMatch,
  saveAlias,
} from './service.ts';
import {
  acknowledgeWarning,
  getDistributionLog,
  getWarning,
  listWarnings,
  publishWarning,
  respondToWarning,
} from './warnings/service.ts';
import { exportVex } from './warnings/vex.ts';

const tags = ['advisories'];
const writeResponses = {
  ...problemResponses,
  409: ProblemSchema.describe('conflict / invalid-state-transition'),
};
const userKey = (request: FastifyRequest) => {
  const actor = request.ctx?.actor;
  return actor?.kind === 'user' ? `user:${actor.userId}` : request.ip;
};
const AliasParams = z.strictObject({ id: z.uuid() });

export function registerAdvisoryRoutes(api: Api, { config }: RouteDependencies): void {
  const notifications = { notifier: createNotifier(config.notifications), publicUrl: config.publicUrl };
  api.addHook('onClose', async () => notifications.notifier.close());
  // Imports and exports are costly: bounded per user (SECURITY.md, ASVS 2.4.1).
  const costly = { rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: userKey } };

  // Upload: the CSAF file's bytes as sent (kept byte-exact, hashed); only this route reads raw bodies.
  api.register(async (instance) => {
    const raw = instance.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser(
      ['application/json', 'application/octet-stream', 'application/csaf+json'],
      { parseAs: 'buffer', bodyLimit: DEFAULT_MAX_CSAF_BYTES },
      (_request, body, done) => done(null, body),
    );
    raw.addContentTypeParser('*', (_request, _payload, done) =>
      done(
        new AppError('unsupported-media-type', {
          detail: 'CSAF-Dokumente bitte als application/json oder application/octet-stream senden.',
        }),
        undefined,
      ),
    );
    raw.post(
      '/advisories',
      {
        bodyLimit: DEFAULT_MAX_CSAF_BYTES,
        config: costly,
        schema: {
          tags,
          summary: 'Import a CSAF 2.0 advisory (CERT): validate, store byte-exact, supersede, match',
          description:
            'Body: the CSAF JSON file as sent (application/json or application/octet-stream, at most 15 MiB). ' +
            'Validation errors name the JSON pointer (/body/document/…). The TLP comes from the document. ' +
            'A newer revision (publisher namespace + tracking id) becomes current and is matched against the ' +
            'installed products of the Kommunen the CERT serves; an older one is stored without becoming current. ' +
            '201 for a new document, 200 when the same bytes were imported before.',
          consumes: ['application/json', 'application/octet-stream'],
          querystring: ImportQuery,
          response: {
            200: ImportResultSchema,
            201: ImportResultSchema,
            413: ProblemSchema,
            415: ProblemSchema,
            ...writeResponses,
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new AppError('validation-failed', {
            detail: 'Das CSAF-Dokument fehlt (leerer Inhalt).',
            errors: [{ pointer: '/body', message: 'leer' }],
          });
        }
        const result = await importAdvisory(contextOf(request), body, {
          ...(request.query.organisationId ? { organisationId: request.query.organisationId } : {}),
          ...(request.query.namedRecipientUserIds
            ? { namedRecipientUserIds: request.query.namedRecipientUserIds }
            : {}),
        });
        reply.header('location', `/api/v1/advisories/${result.advisory.id}`);
        return reply.code(result.created ? 201 : 200).send(result);
      },
    );
  });

  api.get(
    '/advisories',
    {
      schema: {
        tags,
        summary: 'Advisories of the CERTs the caller works for (TLP-filtered; newest first)',
        querystring: AdvisoryListQuery,
        response: { 200: AdvisoryListSchema, ...problemResponses },
      },
    },
    (request) => listAdvisories(contextOf(request), request.query),
  );
  api.get(
    '/advisories/public',
    {
      schema: {
        tags,
        summary: 'Current TLP:CLEAR advisories, and TLP:GREEN ones for members of the community',
        querystring: PublicAdvisoryListQuery,
        response: { 200: AdvisoryListSchema, ...problemResponses },
      },
    },
    (request) => listPublicAdvisories(contextOf(request), request.query),
  );
  api.get(
    '/advisories/:id',
    {
      schema: {
        tags,
        summary: 'One advisory (CERT: with match summary and revisions; Kommune: via its warning)',
        params: AdvisoryParams,
        response: { 200: AdvisoryDetailSchema, ...problemResponses },
      },
    },
    (request) => getAdvisory(contextOf(request), request.params.id),
  );
  api.get(
    '/advisories/:id/document',
    {
      config: costly,
      schema: {
        tags,
        summary: 'The CSAF document exactly as imported (download; hash in X-Content-SHA512)',
        params: AdvisoryParams,
        response: { 200: z.any().describe('the CSAF JSON file'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { record, bytes } = await getAdvisoryDocument(contextOf(request), request.params.id);
      const name = `${record.tracking_id.toLowerCase().replace(/[^a-z0-9._-]+/g, '_')}.json`;
      return reply
        .header('content-type', 'application/json')
        .header('content-disposition', attachmentDisposition(name))
        .header('x-content-sha512', record.sha512)
        .header('cache-control', 'no-store')
        .send(Buffer.from(bytes));
    },
  );
  api.post(
    '/advisories/:id/warnings',
    {
      schema: {
        tags,
        summary: 'Publish a warning for this advisory to Kommunen (CERT), within its TLP',
        description:
          'Audience: the matched Kommunen, named Kommunen, a district or the whole state; TLP:RED only to named people (kind users). ' +
          'TLP:AMBER only within the CERT’s state, TLP:AMBER+STRICT never. The ISBs are notified by e-mail, the operator’s webhook by a signed POST.',
        params: AdvisoryParams,
        body: PublishBody,
        response: { 201: WarningDetailSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await publishWarning(contextOf(request), request.params.id, request.body, notifications)),
  );

  api.get(
    '/advisory-matches',
    {
      schema: {
        tags,
        summary: 'Stored matches against installed products (CERT); queue=review gives the review queue',
        querystring: MatchListQuery,
        response: { 200: MatchListSchema, ...problemResponses },
      },
    },
    (request) => {
      const { queue, ...filter } = request.query;
      return listMatches(contextOf(request), { ...filter, reviewQueue: queue === 'review' });
    },
  );
  api.post(
    '/advisory-matches/:id/review',
    {
      schema: {
        tags,
        summary: 'Confirm or dismiss a match in class review (CERT)',
        params: AdvisoryParams,
        body: ReviewBody,
        response: { 200: MatchSchema, ...writeResponses },
      },
    },
    (request) => reviewMatch(contextOf(request), request.params.id, request.body),
  );

  api.get(
    '/advisory-aliases',
    {
      schema: {
        tags,
        summary: 'The CERT’s alias table (spellings that denote one product)',
        querystring: AliasListQuery,
        response: { 200: AliasListSchema, ...problemResponses },
      },
    },
    (request) => listAliases(contextOf(request), request.query.organisationId),
  );
  api.post(
    '/advisory-aliases',
    {
      schema: {
        tags,
        summary: 'Add an alias entry (CERT); re-matches the CERT’s current advisories',
        body: AliasBody,
        response: { 201: AliasSaveResultSchema, ...writeResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await saveAlias(contextOf(request), request.body)),
  );
  api.put(
    '/advisory-aliases/:id',
    {
      schema: {
        tags,
        summary: 'Replace an alias entry (CERT); re-matches the CERT’s current advisories',
        params: AliasParams,
        body: AliasBody.omit({ organisationId: true }),
        response: { 200: AliasSaveResultSchema, ...writeResponses },
      },
    },
    (request) => saveAlias(contextOf(request), request.body, request.params.id),
  );
  api.delete(
    '/advisory-aliases/:id',
    {
      schema: {
        tags,
        summary: 'Remove an alias entry (CERT); re-matches the CERT’s current advisories',
        params: AliasParams,
        response: { 204: z.null(), ...writeResponses },
      },
    },
    async (request, reply) => {
      await deleteAlias(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/warnings',
    {
      schema: {
        tags,
        summary: 'Warnings: the CERT’s published ones with progress, a Kommune’s received ones',
        querystring: WarningListQuery,
        response: { 200: WarningListSchema, ...problemResponses },
      },
    },
    (request) => listWarnings(contextOf(request), request.query),
  );
  api.get(
    '/warnings/:id',
    {
      schema: {
        tags,
        summary:
          'One warning with recipients (CERT: all and progress; Kommune: its own) and matched products',
        params: WarningParams,
        response: { 200: WarningDetailSchema, ...problemResponses },
      },
    },
    (request) => getWarning(contextOf(request), request.params.id),
  );
  api.post(
    '/warnings/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge receipt (ISB or member of an addressed Kommune)',
        params: WarningParams,
        body: AcknowledgeBody,
        response: { 200: RecipientSchema, ...writeResponses },
      },
    },
    (request) => acknowledgeWarning(contextOf(request), request.params.id, request.body.organisationId),
  );
  api.post(
    '/warnings/:id/response',
    {
      schema: {
        tags,
        summary: 'State affected / not_affected / mitigated with a note (addressed Kommune)',
        params: WarningParams,
        body: RespondBody,
        response: { 200: RecipientSchema, ...writeResponses },
      },
    },
    (request) => respondToWarning(contextOf(request), request.params.id, request.body),
  );
  api.get(
    '/warnings/:id/vex',
    {
      config: costly,
      schema: {
        tags,
        summary: 'The Kommune’s statement as a CSAF 2.0 VEX document (download)',
        params: WarningParams,
        querystring: VexQuery,
        response: { 200: z.record(z.string(), z.unknown()), ...writeResponses },
      },
    },
    async (request, reply) => {
      const { filename, document } = await exportVex(contextOf(request), request.params.id, {
        organisationId: request.query.organisationId,
        publicUrl: config.publicUrl,
      });
      reply.header('content-disposition', attachmentDisposition(filename));
      return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(document);
    },
  );
  api.get(
    '/warnings/:id/distribution',
    {
      schema: {
        tags,
        summary: 'Distribution log: who received the warning under which label, when, how (CERT)',
        params: WarningParams,
        response: { 200: DistributionLogSchema, ...problemResponses },
      },
    },
    (request) => getDistributionLog(contextOf(request), request.params.id),
  );
}
