import {
  type Api,
  contextOf,
  problemResponses,
  type RouteDependencies,
  UuidParam,
} from '../../platform/http/api.ts';
import { listBoundaries } from './geometry/service.ts';
import {
  BoundaryCollectionSchema,
  BoundaryQuery,
  CreateOrganisationBody,
  OrganisationListQuery,
  OrganisationListSchema,
  OrganisationSchema,
} from './schemas.ts';
import { createOrganisation, getOrganisation, listOrganisations } from './service.ts';

export function registerOrganisationRoutes(api: Api, _deps: RouteDependencies): void {
  api.get(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Organisations the caller may see',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationListSchema, ...problemResponses },
      },
    },
    (request) => listOrganisations(contextOf(request), request.query),
  );
  api.get(
    '/organisations/boundaries',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Boundaries of the organisations the caller may see (GeoJSON, for the map)',
        querystring: BoundaryQuery,
        response: { 200: BoundaryCollectionSchema, ...problemResponses },
      },
    },
    (request) => listBoundaries(contextOf(request), request.query),
  );
  api.get(
    '/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        params: UuidParam,
        response: { 200: OrganisationSchema, ...problemResponses },
      },
    },
    (request) => getOrganisation(contextOf(request), request.params.id),
  );
  api.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Create a provider, CERT or federal organisation (admin)',
        body: CreateOrganisationBody,
        response: { 201: OrganisationSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOrganisation(contextOf(request), request.body)),
  );
}
