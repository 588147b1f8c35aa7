import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAccountRoutes } from '../../domains/accounts/routes.ts';
import { registerAdvisoryFeedRoutes } from '../../domains/advisories/feeds/routes.ts';
import { registerAdvisoryRoutes } from '../../domains/advisories/routes.ts';
import { registerAssessmentRoutes } from '../../domains/assessments/routes.ts';
import { registerAssetRoutes } from '../../domains/assets/routes.ts';
import { registerAuditRoutes } from '../../domains/audit/routes.ts';
import { registerCatalogRoutes } from '../../domains/catalogs/routes.ts';
import { registerIncidentRoutes } from '../../domains/incidents/routes.ts';
import { registerMeasureRoutes } from '../../domains/measures/routes.ts';
import { registerOrganisationRoutes } from '../../domains/organisations/routes.ts';
import { registerOverviewRoutes } from '../../domains/overview/routes.ts';
import { registerFindingRoutes } from '../../domains/scans/findings/routes.ts';
import { registerScanRunRoutes } from '../../domains/scans/runs/routes.ts';
import { registerUserRoutes } from '../../domains/users/routes.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { type BackgroundOptions, startBackgroundJobs } from '../jobs/background.ts';
import { registerAuthentication } from './authenticate.ts';
import './fastify-types.ts';
import { registerHealthRoutes } from './health.ts';
import { registerMetrics } from './metrics.ts';
import { sendProblem, toAppError } from './problems.ts';
import { registerSecurityHeaders, setSecurityHeaders } from './security-headers.ts';
import { registerWebUi } from './static.ts';

// Users read validation messages beside their fields: German, like the rest of the UI.
z.config(z.locales.de());

export interface AppDependencies {
  database: Database;
  config: Config;
  /** Tests pass false to keep output quiet. */
  logger?: boolean;
  /** Folder of the built web UI (default web/dist); false serves no UI. */
  webRoot?: string | false;
  /** Job queue and in-process workers (default: workers when BASTEI_WORKER=inline). */
  background?: BackgroundOptions;
}

export type App = FastifyInstance;

/** The whole HTTP surface: plumbing, then each domain's routes under /api/v1. */
export async function buildApp({
  database,
  config,
  logger = true,
  webRoot,
  background,
}: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          redact: {
            paths: [
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
              'req.headers.authorization',
              'res.headers["set-cookie"]',
            ],
            censor: '[redacted]',
          },
        }
      : false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Errors Fastify raises before routing (malformed URL, over-long path parameter) get problem+json too.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request, reply);
      sendProblem(reply, request, toAppError(error));
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  // Only JSON bodies: text/plain and forms are what cross-site pages can send without CORS.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else if (appError.status === 401 || appError.status === 403) {
      request.log.warn({ code: appError.code, url: request.url, user: request.ctx?.actor }, 'access denied');
    }
    return sendProblem(reply, request, appError);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, new AppError('not-found')));

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bastei API',
        version: '1',
        description: 'Informationssicherheitsprogramm für Kommunen. Errors are RFC 9457 problem+json.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bastei_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerSecurityHeaders(app);
  registerAuthentication(app, database, config);
  const metrics = registerMetrics(app);
  const jobs = await startBackgroundJobs(app, { database, config, registry: metrics, options: background });
  registerHealthRoutes(app, database);

  const typed = app.withTypeProvider<ZodTypeProvider>();
  await app.register(
    async (api) => {
      const scoped = api.withTypeProvider<ZodTypeProvider>();
      registerAccountRoutes(scoped, { database, config });
      registerOrganisationRoutes(scoped, { database, config });
      registerUserRoutes(scoped, { database, config });
      registerAuditRoutes(scoped, { database, config });
      registerAssessmentRoutes(scoped, { database, config });
      registerCatalogRoutes(scoped, { database, config });
      registerMeasureRoutes(scoped);
      registerOverviewRoutes(scoped);
      registerAdvisoryRoutes(scoped, { database, config });
      registerAdvisoryFeedRoutes(scoped, { database, config });
      registerAssetRoutes(scoped, { database, config });
      registerIncidentRoutes(scoped);
      registerScanRunRoutes(scoped, { database, config, jobs });
      registerFindingRoutes(scoped, { database, config });
    },
    { prefix: '/api/v1' },
  );
  typed.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  if (webRoot !== false) await registerWebUi(app, webRoot);
  return app;
}
