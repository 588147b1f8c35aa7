import { recordAudit } from '../../platform/audit/audit.ts';
import type { OidcLogin } from '../../platform/auth/oidc.ts';
import type { Config } from '../../platform/config.ts';
import { systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { startLoginSession } from './login-session.ts';

const STATE_LIFETIME_MS = 10 * 60_000;

/** Only paths of our own site, never `//host` or absolute URLs (no open redirect). */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])[\w\-./?=&%#]*$/.test(value) ? value : '/';
}

export async function startOidcLogin(db: Db, oidc: OidcLogin, returnTo: string | undefined) {
  const started = await oidc.start();
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('oidc_login_states')
      .where('created_at', '<', new Date(Date.now() - STATE_LIFETIME_MS))
      .execute();
    await trx
      .insertInto('oidc_login_states')
      .values({
        state: started.state,
        nonce: started.nonce,
        code_verifier: started.codeVerifier,
        return_to: safeReturnTo(returnTo),
      })
      .execute();
  });
  return { url: started.url, state: started.state };
}

/**
 * Completes the code flow. The account must already exist: it is found by the provider's
 * subject, or on first use by a verified e-mail address, which then links the two.
 */
export async function completeOidcLogin(
  db: Db,
  config: Config,
  oidc: OidcLogin,
  callbackUrl: URL,
  browserState: string | undefined,
  client: { ip: string; userAgent?: string; requestId: string },
) {
  const state = callbackUrl.searchParams.get('state');
  if (!state || state !== browserState) {
    throw new AppError('oidc-failed', { detail: 'Die Anmeldung wurde nicht in diesem Browser begonnen.' });
  }
  const pending = await db
    .deleteFrom('oidc_login_states')
    .where('state', '=', state)
    .returningAll()
    .executeTakeFirst();
  if (!pending || pending.created_at.getTime() < Date.now() - STATE_LIFETIME_MS) {
    throw new AppError('oidc-failed', { detail: 'Die Anmeldung ist abgelaufen. Bitte erneut beginnen.' });
  }
  const claims = await oidc.finish(callbackUrl, {
    state,
    nonce: pending.nonce,
    codeVerifier: pending.code_verifier,
  });
  const ctx = systemContext(db, 'oidc-login', client.requestId);
  return db.transaction().execute(async (trx) => {
    let user = await trx
      .selectFrom('users')
      .selectAll()
      .where('oidc_issuer', '=', claims.issuer)
      .where('oidc_subject', '=', claims.subject)
      .executeTakeFirst();
    if (!user && claims.email && claims.emailVerified) {
      user = await trx
        .selectFrom('users')
        .selectAll()
        .where('email', '=', claims.email)
        .where('oidc_subject', 'is', null)
        .executeTakeFirst();
      if (user) {
        await trx
          .updateTable('users')
          .set({ oidc_issuer: claims.issuer, oidc_subject: claims.subject, updated_at: new Date() })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(ctx, trx, {
          action: 'user.oidc_link',
          resourceType: 'user',
          resourceId: user.id,
          after: { issuer: claims.issuer, subject: claims.subject },
        });
      }
    }
    if (!user || user.disabled_at) {
      throw new AppError('oidc-failed', {
        detail: `Für ${claims.email ?? 'dieses Konto'} ist in Bastei kein aktives Benutzerkonto eingerichtet. Bitte wenden Sie sich an die Administration.`,
      });
    }
    const session = await startLoginSession(trx, ctx, config, user, {
      method: 'oidc',
      client,
      auditDetails: { issuer: claims.issuer },
    });
    return { ...session, returnTo: pending.return_to };
  });
}
