import { z } from 'zod';
import {
  type Api,
  contextOf,
  problemResponses,
  type RouteDependencies,
  UuidParam,
} from '../../../platform/http/api.ts';
import {
  addFeedProvider,
  listFeedEntries,
  listFeedProviders,
  pollFeedProvider,
  removeFeedProvider,
} from './service.ts';

const PollReportSchema = z.object({
  provider: z.string(),
  publisher: z.string().nullable(),
  sources: z.number().int(),
  entries: z.number().int(),
  imported: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.array(z.object({ url: z.string(), reason: z.string() })),
  errors: z.array(z.object({ url: z.string(), reason: z.string() })),
});

const ProviderSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  url: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  lastPolledAt: z.string().nullable(),
  lastReport: PollReportSchema.nullable(),
});

const AddProviderBody = z.strictObject({
  url: z.string().min(8).max(2000).describe('URL of the provider-metadata.json'),
  organisationId: z.uuid().optional().describe('the CERT (only needed for admins or users of several CERTs)'),
});

export function registerAdvisoryFeedRoutes(api: Api, { config }: RouteDependencies): void {
  api.get(
    '/advisory-feeds',
    {
      schema: {
        tags: ['advisories'],
        summary: 'CSAF providers the caller’s CERT polls',
        response: { 200: z.object({ items: z.array(ProviderSchema) }), ...problemResponses },
      },
    },
    (request) => listFeedProviders(contextOf(request)),
  );
  api.post(
    '/advisory-feeds',
    {
      schema: {
        tags: ['advisories'],
        summary: 'Register a CSAF provider (provider-metadata.json URL)',
        body: AddProviderBody,
        response: { 201: ProviderSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFeedProvider(contextOf(request), config, request.body)),
  );
  api.delete(
    '/advisory-feeds/:id',
    { schema: { tags: ['advisories'], params: UuidParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      await removeFeedProvider(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/advisory-feeds/:id/poll',
    {
      schema: {
        tags: ['advisories'],
        summary: 'Poll the provider now: new advisories with valid hash and signature are imported',
        params: UuidParam,
        response: { 200: PollReportSchema, ...problemResponses },
      },
    },
    (request) => pollFeedProvider(contextOf(request), config, request.params.id),
  );
  api.get(
    '/advisory-feeds/:id/entries',
    {
      schema: {
        tags: ['advisories'],
        summary:
          'What the polls did with each advisory of the provider (imported, unchanged, rejected with the reason)',
        params: UuidParam,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                organisationId: z.uuid(),
                documentUrl: z.string(),
                updated: z.string().nullable(),
                outcome: z.enum(['imported', 'unchanged', 'rejected']),
                detail: z.string().nullable(),
                advisoryId: z.uuid().nullable(),
                handledAt: z.string(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    (request) => listFeedEntries(contextOf(request), request.params.id),
  );
}
