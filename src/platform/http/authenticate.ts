import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type CachedAuth, cacheAuth, getCachedAuth } from '../auth/auth-cache.ts';
import { loadUserGrants } from '../auth/load-context.ts';
import { csrfTokenMatches, loadSession, sessionCookieName } from '../auth/sessions.ts';
import { sha256 } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /api request passes here: the session cookie becomes a RequestContext, state-changing
 * requests must come from our own origin and, when signed in, carry the session's CSRF token.
 */
export function registerAuthentication(app: FastifyInstance, database: Database, config: Config): void {
  app.decorateRequest('ctx', null);
  app.decorateRequest('session', null);
  const cookieName = sessionCookieName(config);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const routeConfig = request.routeOptions.config;
    if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request, config);

    const token = request.cookies[cookieName];
    if (token) {
      const auth = await authenticateToken(database, config, token);
      if (auth) {
        const { session, user } = auth;
        request.session = session;
        request.ctx = {
          db: database.db,
          actor: { kind: 'user', userId: user.id, email: user.email },
          memberships: auth.memberships,
          assignedOrganisationIds: auth.assignedOrganisationIds,
          requestId: request.id,
        };
        if (
          !user.totpEnabled &&
          !routeConfig.beforeSecondFactor &&
          !routeConfig.public &&
          request.ctx.memberships.some((m) => config.requireSecondFactorRoles.includes(m.role))
        ) {
          throw new AppError('second-factor-setup-required');
        }
      } else {
        reply.clearCookie(cookieName, { path: '/' });
        if (!routeConfig.public) throw new AppError('session-expired');
      }
    }
    if (!request.ctx && !routeConfig.public) throw new AppError('authentication-required');
    if (request.session && !SAFE_METHODS.has(request.method)) {
      const given = request.headers['x-csrf-token'];
      if (!csrfTokenMatches(request.session.csrfToken, typeof given === 'string' ? given : undefined)) {
        throw new AppError('csrf-rejected', {
          detail: 'Der CSRF-Token (Header X-CSRF-Token) fehlt oder ist falsch.',
        });
      }
    }
  });
}

/** The session behind a cookie value with its user and grants, from the short-lived cache when fresh. */
async function authenticateToken(
  database: Database,
  config: Config,
  token: string,
): Promise<CachedAuth | null> {
  const sessionId = sha256(token);
  const cached = getCachedAuth(sessionId);
  if (cached) return cached;
  const session = await loadSession(database.db, config, token);
  if (!session) return null;
  const user = await database.db
    .selectFrom('users')
    .select(['id', 'email', 'totp_enabled'])
    .where('id', '=', session.userId)
    .executeTakeFirstOrThrow();
  const grants = await loadUserGrants(database.db, user.id);
  const entry: CachedAuth = {
    session,
    user: { id: user.id, email: user.email, totpEnabled: user.totp_enabled },
    ...grants,
    cachedAt: Date.now(),
  };
  cacheAuth(sessionId, entry);
  return entry;
}

/** Browsers send Origin (and Sec-Fetch-Site) on cross-site POSTs; anything not ours is refused. */
function assertSameOrigin(request: FastifyRequest, config: Config): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    throw new AppError('csrf-rejected', { detail: 'Websiteübergreifende Anfragen sind nicht erlaubt.' });
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const ownOrigins = new Set([config.publicUrl.origin, `${request.protocol}://${request.host}`]);
  if (!ownOrigins.has(origin)) {
    throw new AppError('csrf-rejected', { detail: `Anfragen von ${origin} sind nicht erlaubt.` });
  }
}
