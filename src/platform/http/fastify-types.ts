import type { ActiveSession } from '../auth/sessions.ts';
import type { RequestContext } from '../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook for signed-in users; routes marked public may see null. */
    ctx: RequestContext | null;
    session: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, OpenAPI). */
    public?: boolean;
    /** Reachable before a required second factor is set up (me, logout, TOTP setup). */
    beforeSecondFactor?: boolean;
  }
}
