import { AppError } from '../../platform/errors.ts';
import {
  type Api,
  contextOf,
  ProblemSchema,
  problemResponses,
  type RouteDependencies,
  UuidParam,
} from '../../platform/http/api.ts';
import {
  CatalogDetailSchema,
  CatalogListQuery,
  CatalogListSchema,
  CatalogQuery,
  ImportCatalogBody,
  ImportEnvelope,
  ImportResultSchema,
  OscalExportSchema,
  RequirementListQuery,
  RequirementListSchema,
} from './schemas.ts';
import { exportCatalog, getCatalog, importOscalCatalog, listCatalogs, listRequirements } from './service.ts';

/** The BSI Grundschutz++ Kernel catalog alone is 3.8 MB; a profile with its sources more. */
export const CATALOG_IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export function registerCatalogRoutes(api: Api, deps: RouteDependencies): void {
  api.get(
    '/catalogs',
    {
      schema: {
        tags: ['catalogs'],
        summary: 'Catalogs (programme-wide reference data, readable by every role)',
        querystring: CatalogListQuery,
        response: { 200: CatalogListSchema, ...problemResponses },
      },
    },
    (request) => listCatalogs(contextOf(request), request.query),
  );
  api.get(
    '/catalogs/:id',
    {
      schema: {
        tags: ['catalogs'],
        summary: 'A catalog with its group tree and all requirements',
        params: UuidParam,
        querystring: CatalogQuery,
        response: { 200: CatalogDetailSchema, ...problemResponses },
      },
    },
    (request) => getCatalog(contextOf(request), request.params.id, request.query.lang),
  );
  api.get(
    '/catalogs/:id/requirements',
    {
      schema: {
        tags: ['catalogs'],
        summary: 'Requirements of a catalog, paginated, filtered by group and level',
        params: UuidParam,
        querystring: RequirementListQuery,
        response: { 200: RequirementListSchema, ...problemResponses },
      },
    },
    (request) => listRequirements(contextOf(request), request.params.id, request.query),
  );
  api.get(
    '/catalogs/:id/export',
    {
      schema: {
        tags: ['catalogs'],
        summary: 'The catalog as an OSCAL 1.1.3 catalog JSON document (download)',
        params: UuidParam,
        response: { 200: OscalExportSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { filename, document } = await exportCatalog(contextOf(request), request.params.id);
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(document);
    },
  );
  api.post(
    '/catalogs',
    {
      bodyLimit: Math.max(CATALOG_IMPORT_BODY_LIMIT, deps.config.bodyLimitBytes),
      schema: {
        tags: ['catalogs'],
        summary:
          'Import an OSCAL catalog, profile (with the catalogs it imports) or mapping collection (admin)',
        body: ImportCatalogBody,
        response: { 201: ImportResultSchema, ...problemResponses, 409: ProblemSchema, 413: ProblemSchema },
      },
    },
    async (request, reply) => {
      const schema = deps.config.oscalSchemaDir ? { schema: { schemaDir: deps.config.oscalSchemaDir } } : {};
      const envelope = ImportEnvelope.safeParse(request.body);
      if (!envelope.success && Object.hasOwn(request.body, 'document')) {
        const errors = envelope.error.issues.map((issue) => ({
          pointer: `/body${issue.path.map((p) => `/${String(p)}`).join('')}`,
          message: issue.message,
        }));
        throw new AppError('validation-failed', {
          detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '),
          errors,
        });
      }
      const result = envelope.success
        ? await importOscalCatalog(contextOf(request), envelope.data.document, {
            ...(envelope.data.with ? { with: envelope.data.with.map(withDocument) } : {}),
            ...(envelope.data.key ? { key: envelope.data.key } : {}),
            ...schema,
          })
        : await importOscalCatalog(contextOf(request), request.body, schema);
      if (result.catalogId) reply.header('location', `/api/v1/catalogs/${result.catalogId}`);
      return reply.code(201).send(result);
    },
  );
}

function withDocument(entry: Record<string, unknown>): { href?: string; document: unknown } {
  const keys = Object.keys(entry);
  const named = typeof entry.href === 'string' && 'document' in entry && keys.length === 2;
  return named ? { href: entry.href as string, document: entry.document } : { document: entry };
}
