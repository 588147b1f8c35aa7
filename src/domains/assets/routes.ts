import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type Api,
  contextOf,
  ProblemSchema,
  problemResponses,
  type RouteDependencies,
} from '../../platform/http/api.ts';
import {
  checkAuthorisation,
  getAuthorisation,
  getAuthorisationHistory,
  grantAuthorisation,
  listAuthorisations,
  revokeAuthorisation,
} from './authorisations.ts';
import { COLUMNS, importAssets, MAX_IMPORT_ROWS } from './csv-import.ts';
import {
  checkDomainVerification,
  getDomainVerification,
  listDomainVerifications,
  requestDomainVerification,
  revokeDomainVerification,
} from './dns-verification.ts';
import {
  AssetListQuery,
  AssetListSchema,
  AssetPatchBody,
  AssetSchema,
  AUTHORISATION_RULE,
  AuthorisationListQuery,
  AuthorisationListSchema,
  AuthorisationSchema,
  CheckQuery,
  CheckResultSchema,
  CreateAssetBody,
  CreateInstalledProductBody,
  DeletedSchema,
  DomainVerificationListSchema,
  DomainVerificationSchema,
  GrantAuthorisationBody,
  HistorySchema,
  IdParams,
  ImportBody,
  ImportResultSchema,
  InstalledProductListQuery,
  InstalledProductListSchema,
  InstalledProductPatchBody,
  InstalledProductSchema,
  OrganisationParams,
  RequestVerificationBody,
  RevokeBody,
} from './schemas.ts';
import {
  createAsset,
  createInstalledProduct,
  deleteAsset,
  deleteInstalledProduct,
  getAsset,
  getInstalledProduct,
  listAssets,
  listInstalledProducts,
  updateAsset,
  updateInstalledProduct,
} from './service.ts';

const tags = ['assets'];
const writeResponses = {
  ...problemResponses,
  409: ProblemSchema.describe('conflict (already recorded) or invalid-state-transition'),
};
/** CSV files of a whole Landkreis' inventory stay well below this. */
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

const userKey = (request: FastifyRequest) => {
  const actor = request.ctx?.actor;
  return actor?.kind === 'user' ? `user:${actor.userId}` : request.ip;
};

export function registerAssetRoutes(api: Api, { config }: RouteDependencies): void {
  // Imports and DNS lookups are costly: bounded per user (SECURITY.md, ASVS 2.4.1).
  const costly = { rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: userKey } };
  const dns = { servers: config.dnsServers };

  // --- assets --------------------------------------------------------------------------------------
  api.get(
    '/organisations/:id/assets',
    {
      schema: {
        tags,
        summary: 'Assets (domains, hosts, services) of an organisation, filtered and paginated',
        params: OrganisationParams,
        querystring: AssetListQuery,
        response: { 200: AssetListSchema, ...problemResponses },
      },
    },
    (request) => listAssets(contextOf(request), request.params.id, request.query),
  );
  api.post(
    '/organisations/:id/assets',
    {
      schema: {
        tags,
        summary: 'Record a domain, host or service (ISB, programme manager, admin)',
        params: OrganisationParams,
        body: CreateAssetBody,
        response: { 201: AssetSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAsset(contextOf(request), request.params.id, request.body)),
  );
  api.post(
    '/organisations/:id/assets/import',
    {
      bodyLimit: Math.max(IMPORT_BODY_LIMIT, config.bodyLimitBytes),
      config: costly,
      schema: {
        tags,
        summary: 'Import assets and installed products from CSV (all rows or none; idempotent)',
        description: `Body: {"csv": "<text>"}. Header line with the columns ${COLUMNS.join(', ')} (only kind and name required; comma or semicolon separated; at most ${MAX_IMPORT_ROWS} rows). kind: domain, host, service (name = host, port, protocol, product = what listens; vendor/version/cpe/purl add an installed product on the service) or product (an installed product; name/port/protocol name the host or service it runs on). Errors name line and column; nothing is written then. Re-importing reports rows as unchanged.`,
        params: OrganisationParams,
        body: ImportBody,
        response: { 200: ImportResultSchema, ...writeResponses, 413: ProblemSchema, 429: ProblemSchema },
      },
    },
    (request) => importAssets(contextOf(request), request.params.id, request.body.csv),
  );
  api.get(
    '/assets/:id',
    {
      schema: {
        tags,
        summary: 'One asset',
        params: IdParams,
        response: { 200: AssetSchema, ...problemResponses },
      },
    },
    (request) => getAsset(contextOf(request), request.params.id),
  );
  api.patch(
    '/assets/:id',
    {
      schema: {
        tags,
        summary: 'Edit an asset (name, port, protocol, product, parent, notes); the kind stays',
        params: IdParams,
        body: AssetPatchBody,
        response: { 200: AssetSchema, ...writeResponses },
      },
    },
    (request) => updateAsset(contextOf(request), request.params.id, request.body),
  );
  api.delete(
    '/assets/:id',
    {
      schema: {
        tags,
        summary: 'Delete an asset with its services and installed products (a domain’s hosts stay, detached)',
        params: IdParams,
        response: { 200: DeletedSchema, ...writeResponses },
      },
    },
    (request) => deleteAsset(contextOf(request), request.params.id),
  );

  // --- installed products --------------------------------------------------------------------------
  api.get(
    '/organisations/:id/installed-products',
    {
      schema: {
        tags,
        summary: 'Installed products of an organisation (advisories are matched against them)',
        params: OrganisationParams,
        querystring: InstalledProductListQuery,
        response: { 200: InstalledProductListSchema, ...problemResponses },
      },
    },
    (request) => listInstalledProducts(contextOf(request), request.params.id, request.query),
  );
  api.post(
    '/organisations/:id/installed-products',
    {
      schema: {
        tags,
        summary: 'Record an installed product (vendor, product, version, CPE 2.2/2.3, PURL)',
        params: OrganisationParams,
        body: CreateInstalledProductBody,
        response: { 201: InstalledProductSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createInstalledProduct(contextOf(request), request.params.id, request.body)),
  );
  api.get(
    '/installed-products/:id',
    {
      schema: {
        tags,
        summary: 'One installed product',
        params: IdParams,
        response: { 200: InstalledProductSchema, ...problemResponses },
      },
    },
    (request) => getInstalledProduct(contextOf(request), request.params.id),
  );
  api.patch(
    '/installed-products/:id',
    {
      schema: {
        tags,
        summary: 'Edit an installed product',
        params: IdParams,
        body: InstalledProductPatchBody,
        response: { 200: InstalledProductSchema, ...writeResponses },
      },
    },
    (request) => updateInstalledProduct(contextOf(request), request.params.id, request.body),
  );
  api.delete(
    '/installed-products/:id',
    {
      schema: {
        tags,
        summary: 'Delete an installed product',
        params: IdParams,
        response: { 204: z.null(), ...writeResponses },
      },
    },
    async (request, reply) => {
      await deleteInstalledProduct(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // --- scan authorisations -------------------------------------------------------------------------
  api.get(
    '/organisations/:id/scan-authorisations',
    {
      schema: {
        tags,
        summary: 'Declared scan authorisations of an organisation, newest first',
        description: AUTHORISATION_RULE,
        params: OrganisationParams,
        querystring: AuthorisationListQuery,
        response: { 200: AuthorisationListSchema, ...problemResponses },
      },
    },
    (request) => listAuthorisations(contextOf(request), request.params.id, request.query.status),
  );
  api.post(
    '/organisations/:id/scan-authorisations',
    {
      schema: {
        tags,
        summary: 'Record a scan authorisation (ISB of the Kommune, programme manager, admin)',
        description: AUTHORISATION_RULE,
        params: OrganisationParams,
        body: GrantAuthorisationBody,
        response: { 201: AuthorisationSchema, ...writeResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await grantAuthorisation(contextOf(request), request.params.id, request.body)),
  );
  api.get(
    '/organisations/:id/scan-authorisations/check',
    {
      schema: {
        tags,
        summary: 'Whether host[:port] of the organisation may be scanned now, and by which authorisation',
        description: AUTHORISATION_RULE,
        params: OrganisationParams,
        querystring: CheckQuery,
        response: { 200: CheckResultSchema, ...problemResponses },
      },
    },
    (request) =>
      checkAuthorisation(contextOf(request), request.params.id, request.query.host, request.query.port),
  );
  api.get(
    '/scan-authorisations/:id',
    {
      schema: {
        tags,
        summary: 'One scan authorisation',
        params: IdParams,
        response: { 200: AuthorisationSchema, ...problemResponses },
      },
    },
    (request) => getAuthorisation(contextOf(request), request.params.id),
  );
  api.get(
    '/scan-authorisations/:id/history',
    {
      schema: {
        tags,
        summary: 'Grant and revocation of a scan authorisation from the audit log',
        params: IdParams,
        response: { 200: HistorySchema, ...problemResponses },
      },
    },
    (request) => getAuthorisationHistory(contextOf(request), request.params.id),
  );
  api.post(
    '/scan-authorisations/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a scan authorisation (scans stop at once)',
        params: IdParams,
        body: RevokeBody.nullish(),
        response: { 200: AuthorisationSchema, ...writeResponses },
      },
    },
    (request) => revokeAuthorisation(contextOf(request), request.params.id, request.body?.reason),
  );

  // --- DNS verification ----------------------------------------------------------------------------
  api.get(
    '/organisations/:id/domain-verifications',
    {
      schema: {
        tags,
        summary: 'DNS TXT domain verifications of an organisation',
        params: OrganisationParams,
        querystring: z.strictObject({
          includeRevoked: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
        response: { 200: DomainVerificationListSchema, ...problemResponses },
      },
    },
    (request) => listDomainVerifications(contextOf(request), request.params.id, request.query.includeRevoked),
  );
  api.post(
    '/organisations/:id/domain-verifications',
    {
      schema: {
        tags,
        summary: 'Issue the token to publish as TXT record bastei-verification=<token> on the domain',
        description: '201 with a new token; 200 with the open one when the domain already has one.',
        params: OrganisationParams,
        body: RequestVerificationBody,
        response: { 200: DomainVerificationSchema, 201: DomainVerificationSchema, ...writeResponses },
      },
    },
    async (request, reply) => {
      const { created, verification } = await requestDomainVerification(
        contextOf(request),
        request.params.id,
        request.body.domain,
      );
      return reply.code(created ? 201 : 200).send(verification);
    },
  );
  api.get(
    '/domain-verifications/:id',
    {
      schema: {
        tags,
        summary: 'One domain verification with its TXT record',
        params: IdParams,
        response: { 200: DomainVerificationSchema, ...problemResponses },
      },
    },
    (request) => getDomainVerification(contextOf(request), request.params.id),
  );
  api.post(
    '/domain-verifications/:id/check',
    {
      config: costly,
      schema: {
        tags,
        summary: 'Look the TXT record up now and record the result (valid 30 days when found)',
        params: IdParams,
        response: { 200: DomainVerificationSchema, ...writeResponses, 429: ProblemSchema },
      },
    },
    (request) => checkDomainVerification(contextOf(request), request.params.id, dns),
  );
  api.delete(
    '/domain-verifications/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a domain verification (it no longer authorises scans)',
        params: IdParams,
        response: { 200: DomainVerificationSchema, ...writeResponses },
      },
    },
    (request) => revokeDomainVerification(contextOf(request), request.params.id),
  );
}
