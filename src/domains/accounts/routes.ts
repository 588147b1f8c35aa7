import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { buildUserContext } from '../../platform/auth/load-context.ts';
import { OidcLogin } from '../../platform/auth/oidc.ts';
import { sessionCookieName } from '../../platform/auth/sessions.ts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, contextOf, problemResponses, type RouteDependencies } from '../../platform/http/api.ts';
import { completeOidcLogin, startOidcLogin } from './oidc-service.ts';
import {
  ChangePasswordBody,
  LoginBody,
  MeSchema,
  OidcInfoSchema,
  TotpDisableBody,
  TotpEnableBody,
  TotpSetupBody,
  TotpSetupSchema,
} from './schemas.ts';
import {
  changePassword,
  describeMe,
  disableTotp,
  enableTotp,
  login,
  logout,
  startTotpSetup,
} from './service.ts';

const tags = ['auth'];

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date): void {
  reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'strict',
    expires: expiresAt,
  });
}

export function registerAccountRoutes(api: Api, { database, config }: RouteDependencies): void {
  api.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: config.login.ratePerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password (and TOTP code when enabled)',
        security: [],
        body: LoginBody,
        response: { 200: MeSchema, 429: problemResponses[401], ...problemResponses },
      },
    },
    async (request, reply) => {
      const outcome = await login(database.db, config, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      setSessionCookie(reply, config, outcome.token, outcome.expiresAt);
      const user = await database.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', '=', outcome.userId)
        .executeTakeFirstOrThrow();
      const ctx = await buildUserContext(
        database.db,
        { kind: 'user', userId: user.id, email: user.email },
        request.id,
      );
      request.log.info({ userId: user.id }, 'login succeeded');
      return describeMe(ctx, config, {
        csrfToken: outcome.csrfToken,
        authMethod: 'password',
        createdAt: new Date(),
      });
    },
  );

  api.post(
    '/auth/logout',
    {
      config: { beforeSecondFactor: true },
      schema: { tags, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      if (!request.session) throw new AppError('authentication-required');
      await logout(contextOf(request), request.session.id);
      reply.clearCookie(sessionCookieName(config), { path: '/' });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/me',
    {
      config: { beforeSecondFactor: true },
      schema: {
        tags,
        summary: 'The signed-in user, memberships and CSRF token',
        response: { 200: MeSchema, ...problemResponses },
      },
    },
    async (request) => {
      if (!request.session) throw new AppError('authentication-required');
      return describeMe(contextOf(request), config, request.session);
    },
  );

  api.post(
    '/me/password',
    {
      config: { beforeSecondFactor: true },
      schema: { tags, body: ChangePasswordBody, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await changePassword(contextOf(request), config, request.session!.id, request.body);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/me/totp/setup',
    {
      config: { beforeSecondFactor: true },
      schema: { tags, body: TotpSetupBody, response: { 200: TotpSetupSchema, ...problemResponses } },
    },
    (request) => startTotpSetup(contextOf(request), request.body.password),
  );
  api.post(
    '/me/totp/enable',
    {
      config: { beforeSecondFactor: true },
      schema: { tags, body: TotpEnableBody, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await enableTotp(contextOf(request), request.body.code);
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/me/totp/disable',
    { schema: { tags, body: TotpDisableBody, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      await disableTotp(contextOf(request), request.session!.id, request.body.password, request.body.code);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/auth/oidc',
    { config: { public: true }, schema: { tags, security: [], response: { 200: OidcInfoSchema } } },
    async () => ({ enabled: config.oidc !== null, label: config.oidc?.label ?? null }),
  );

  if (!config.oidc) return;
  const oidc = new OidcLogin(config.oidc, new URL('/api/v1/auth/oidc/callback', config.publicUrl).toString());
  // Binds the flow to the browser that started it (login CSRF); Lax so the provider's redirect carries it.
  const stateCookie = config.secureCookies ? '__Host-bastei_oidc' : 'bastei_oidc';

  api.get(
    '/auth/oidc/start',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Redirect to the identity provider',
        security: [],
        querystring: z.strictObject({ returnTo: z.string().max(500).optional() }),
        response: { 302: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const started = await startOidcLogin(database.db, oidc, request.query.returnTo);
      reply.setCookie(stateCookie, started.state, {
        path: '/',
        httpOnly: true,
        secure: config.secureCookies,
        sameSite: 'lax',
        maxAge: 600,
      });
      return reply.redirect(started.url.toString(), 302);
    },
  );
  api.get(
    '/auth/oidc/callback',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Return from the identity provider',
        security: [],
        querystring: z
          .object({ code: z.string().max(2000).optional(), state: z.string().max(500).optional() })
          .loose(),
        response: { 302: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const callbackUrl = new URL(request.url, config.publicUrl);
      const outcome = await completeOidcLogin(
        database.db,
        config,
        oidc,
        callbackUrl,
        request.cookies[stateCookie],
        {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: request.id,
        },
      );
      reply.clearCookie(stateCookie, { path: '/' });
      setSessionCookie(reply, config, outcome.token, outcome.expiresAt);
      return reply.redirect(outcome.returnTo, 302);
    },
  );
}
