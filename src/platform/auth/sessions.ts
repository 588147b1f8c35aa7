import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Executor } from '../db/database.ts';
import { clearAuthCache } from './auth-cache.ts';
import { newToken, sha256 } from './tokens.ts';

export interface ActiveSession {
  id: string;
  userId: string;
  csrfToken: string;
  authMethod: 'password' | 'oidc';
  createdAt: Date;
}

export const sessionCookieName = (config: Config) =>
  config.secureCookies ? '__Host-bastei_session' : 'bastei_session';

export async function createSession(
  db: Executor,
  config: Config,
  input: { userId: string; authMethod: 'password' | 'oidc'; ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + config.session.absoluteHours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      auth_method: input.authMethod,
      expires_at: expiresAt,
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

// Writing last_seen_at on every request would turn reads into writes; a minute is precise enough.
const TOUCH_INTERVAL_MS = 60_000;

/** The live session behind a cookie value, or null when unknown, idle too long or past its end. */
export async function loadSession(
  db: Executor,
  config: Config,
  token: string,
): Promise<ActiveSession | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.auth_method',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleUntil = row.last_seen_at.getTime() + config.session.idleMinutes * 60_000;
  if (row.disabled_at || row.expires_at.getTime() <= now || idleUntil <= now) {
    await endSession(db, id);
    return null;
  }
  if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now) })
      .where('id', '=', id)
      .execute();
  }
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    authMethod: row.auth_method,
    createdAt: row.created_at,
  };
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  clearAuthCache();
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function endAllSessions(db: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  clearAuthCache();
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
