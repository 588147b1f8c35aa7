import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError, toProblem } from '../errors.ts';

/** Maps every error, ours or Fastify's, to an RFC 9457 problem document. No internals leave. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const errors: FieldError[] = error.validation.map((issue) => ({
      pointer: `/${context}${issue.instancePath}`,
      message: issue.message ?? 'ungültiger Wert',
    }));
    return new AppError('validation-failed', {
      detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '),
      errors,
    });
  }
  if (isResponseSerializationError(error)) return new AppError('internal', { cause: error });
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload-too-large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported-media-type', {
        detail: 'Bitte senden Sie JSON (Content-Type: application/json).',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('malformed-request', { detail: 'Der Inhalt ist kein gültiges JSON.' });
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return new AppError('rate-limited');
  }
  if (fastifyError.statusCode === 429) return new AppError('rate-limited');
  if (fastifyError.statusCode === 400 && error instanceof SyntaxError) {
    return new AppError('malformed-request', { detail: 'Der Inhalt ist kein gültiges JSON.' });
  }
  if (fastifyError.statusCode === 400) return new AppError('malformed-request');
  if (fastifyError.statusCode === 404) return new AppError('not-found');
  if (fastifyError.statusCode === 415) return new AppError('unsupported-media-type');
  return new AppError('internal', { cause: error });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const retryAfter = error.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(toProblem(error, request.url.split('?')[0]));
}
