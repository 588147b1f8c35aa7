import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/database.ts';
import { AppError, problemTypeUri } from '../errors.ts';

/** The Fastify instance domains register their routes on (zod-typed, prefixed /api/v1). */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteDependencies {
  database: Database;
  config: Config;
}

/** The caller's context; routes that are not public never run without one. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw new AppError('authentication-required');
  return request.ctx;
}

export const ProblemSchema = z
  .object({
    type: z.string().describe(`e.g. ${problemTypeUri('not-found')}`),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

/** Standard error responses for the OpenAPI document. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
} as const;

export const UuidParam = z.strictObject({ id: z.uuid() });

export const PaginationQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
