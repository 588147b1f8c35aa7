import { recordAudit } from '../../platform/audit/audit.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import type { Config } from '../../platform/config.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';

export interface LoginClient {
  ip: string;
  userAgent?: string;
}

/**
 * The one way a proven identity becomes a session, for every login method: the failure counter
 * and lockout are reset, a fresh session id is issued (a planted cookie never becomes
 * authenticated: no fixation) and the login is audited as the user.
 */
export async function startLoginSession(
  trx: Tx,
  ctx: RequestContext,
  config: Config,
  user: Pick<UserRow, 'id' | 'email'>,
  login: {
    method: 'password' | 'oidc';
    client: LoginClient;
    at?: Date;
    totpStep?: number | null;
    auditDetails?: Record<string, unknown>;
  },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  await trx
    .updateTable('users')
    .set({
      failed_login_count: 0,
      locked_until: null,
      last_login_at: login.at ?? new Date(),
      ...(login.totpStep != null ? { totp_last_step: login.totpStep } : {}),
    })
    .where('id', '=', user.id)
    .execute();
  const session = await createSession(trx, config, {
    userId: user.id,
    authMethod: login.method,
    ip: login.client.ip,
    userAgent: login.client.userAgent,
  });
  await recordAudit({ ...ctx, actor: { kind: 'user', userId: user.id, email: user.email } }, trx, {
    action: 'auth.login',
    resourceType: 'user',
    resourceId: user.id,
    after: { method: login.method, ...login.auditDetails, ip: login.client.ip },
  });
  return session;
}
