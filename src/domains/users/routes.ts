import { z } from 'zod';
import {
  type Api,
  contextOf,
  problemResponses,
  type RouteDependencies,
  UuidParam,
} from '../../platform/http/api.ts';
import {
  AddMembershipBody,
  AssignmentBody,
  CreateUserBody,
  SetPasswordBody,
  UserListQuery,
  UserListSchema,
  UserSchema,
} from './schemas.ts';
import {
  addMembership,
  assignAuditor,
  createUser,
  getUser,
  listUsers,
  removeMembership,
  setUserDisabled,
  setUserPassword,
  unassignAuditor,
} from './service.ts';

const tags = ['users'];

export function registerUserRoutes(api: Api, { config }: RouteDependencies): void {
  const policy = { argon2MemoryKiB: config.argon2MemoryKiB };

  api.get(
    '/users',
    { schema: { tags, querystring: UserListQuery, response: { 200: UserListSchema, ...problemResponses } } },
    (request) => listUsers(contextOf(request), request.query),
  );
  api.get(
    '/users/:id',
    { schema: { tags, params: UuidParam, response: { 200: UserSchema, ...problemResponses } } },
    (request) => getUser(contextOf(request), request.params.id),
  );
  api.post(
    '/users',
    { schema: { tags, body: CreateUserBody, response: { 201: UserSchema, ...problemResponses } } },
    async (request, reply) =>
      reply.code(201).send(await createUser(contextOf(request), request.body, policy)),
  );
  api.post(
    '/users/:id/memberships',
    {
      schema: {
        tags,
        params: UuidParam,
        body: AddMembershipBody,
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    (request) => addMembership(contextOf(request), request.params.id, request.body),
  );
  api.delete(
    '/users/:id/memberships/:membershipId',
    {
      schema: {
        tags,
        params: z.strictObject({ id: z.uuid(), membershipId: z.uuid() }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removeMembership(contextOf(request), request.params.id, request.params.membershipId);
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/users/:id/auditor-assignments',
    {
      schema: {
        tags,
        params: UuidParam,
        body: AssignmentBody,
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    (request) => assignAuditor(contextOf(request), request.params.id, request.body.organisationId),
  );
  api.delete(
    '/users/:id/auditor-assignments/:organisationId',
    {
      schema: {
        tags,
        params: z.strictObject({ id: z.uuid(), organisationId: z.uuid() }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await unassignAuditor(contextOf(request), request.params.id, request.params.organisationId);
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        params: UuidParam,
        body: SetPasswordBody,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await setUserPassword(contextOf(request), request.params.id, request.body.password, policy);
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/users/:id/disable',
    { schema: { tags, params: UuidParam, response: { 200: UserSchema, ...problemResponses } } },
    (request) => setUserDisabled(contextOf(request), request.params.id, true),
  );
  api.post(
    '/users/:id/enable',
    { schema: { tags, params: UuidParam, response: { 200: UserSchema, ...problemResponses } } },
    (request) => setUserDisabled(contextOf(request), request.params.id, false),
  );
}
