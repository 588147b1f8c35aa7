import type { MembershipGrant } from '../context.ts';
import type { ActiveSession } from './sessions.ts';

/**
 * What the auth hook needs for every request (session, user, grants), kept for a few seconds
 * so a read costs one query instead of five. Anything that ends sessions or changes grants
 * clears it at once in this process; other processes (several servers on one PostgreSQL)
 * see such a change after at most TTL_MS.
 */
export interface CachedAuth {
  session: ActiveSession;
  user: { id: string; email: string; totpEnabled: boolean };
  memberships: MembershipGrant[];
  assignedOrganisationIds: string[];
  cachedAt: number;
}

export const AUTH_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const entries = new Map<string, CachedAuth>();

export function getCachedAuth(sessionId: string, now = Date.now()): CachedAuth | undefined {
  const entry = entries.get(sessionId);
  if (!entry) return undefined;
  if (now - entry.cachedAt > AUTH_CACHE_TTL_MS) {
    entries.delete(sessionId);
    return undefined;
  }
  return entry;
}

export function cacheAuth(sessionId: string, entry: CachedAuth): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(sessionId, entry);
}

/** Call after ending sessions or changing memberships, assignments or account state. */
export function clearAuthCache(): void {
  entries.clear();
}
