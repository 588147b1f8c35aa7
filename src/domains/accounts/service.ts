import { recordAudit } from '../../platform/audit/audit.ts';
import { clearAuthCache } from '../../platform/auth/auth-cache.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../platform/auth/password.ts';
import { endAllSessions, endSession } from '../../platform/auth/sessions.ts';
import { matchTotpStep, newTotpSecret, totpUri } from '../../platform/auth/totp.ts';
import type { Config } from '../../platform/config.ts';
import { type RequestContext, systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { findMemberships, unsafeFindUserByEmail } from '../users/repository.ts';
import { startLoginSession } from './login-session.ts';
import type { LoginInput, MeDto } from './schemas.ts';

const MAX_LOCK_MINUTES = 60;

export interface LoginOutcome {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/**
 * Password (and second factor) login. Failed attempts count per account; past the limit the
 * account locks for a doubling period (capped at an hour) and then opens again by itself, so an
 * attacker can slow a victim down but never lock them out for good.
 */
export async function login(
  db: Db,
  config: Config,
  input: LoginInput,
  client: { ip: string; userAgent?: string; requestId: string },
): Promise<LoginOutcome> {
  const ctx = systemContext(db, 'login', client.requestId);
  const user = await unsafeFindUserByEmail(db, input.email);
  if (!user?.password_hash || user.disabled_at) {
    await verifyAgainstDummy(input.password, { memoryKiB: config.argon2MemoryKiB });
    throw new AppError('invalid-credentials');
  }
  const now = Date.now();
  if (user.locked_until && user.locked_until.getTime() > now) throw lockedError(user.locked_until);

  if (!(await verifyPassword(user.password_hash, input.password))) {
    throw await registerFailure(ctx, config, user, 'password');
  }
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret) {
    if (!input.totp) throw new AppError('second-factor-required');
    totpStep = matchTotpStep(user.totp_secret, input.totp, now);
    if (totpStep === null || (user.totp_last_step !== null && totpStep <= user.totp_last_step)) {
      throw await registerFailure(ctx, config, user, 'totp');
    }
  }
  return db.transaction().execute(async (trx) => {
    const session = await startLoginSession(trx, ctx, config, user, {
      method: 'password',
      client,
      at: new Date(now),
      totpStep,
      auditDetails: { secondFactor: totpStep !== null },
    });
    return { ...session, userId: user.id };
  });
}

async function registerFailure(
  ctx: RequestContext,
  config: Config,
  user: UserRow,
  factor: 'password' | 'totp',
): Promise<AppError> {
  const failures = user.failed_login_count + 1;
  const excess = failures - config.login.maxFailures;
  const lockedUntil =
    excess >= 0
      ? new Date(Date.now() + Math.min(config.login.lockMinutes * 2 ** excess, MAX_LOCK_MINUTES) * 60_000)
      : null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_login_count: failures, locked_until: lockedUntil })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(ctx, trx, {
      action: 'auth.login_failed',
      resourceType: 'user',
      resourceId: user.id,
      after: { factor, failures, lockedUntil },
    });
  });
  if (lockedUntil) return lockedError(lockedUntil);
  return new AppError(factor === 'totp' ? 'invalid-second-factor' : 'invalid-credentials');
}

function lockedError(until: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const time = until.toLocaleTimeString('de-DE', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
  });
  return new AppError('account-locked', {
    detail: `Nach mehreren fehlgeschlagenen Anmeldungen ist das Konto vorübergehend gesperrt. Bitte versuchen Sie es ab ${time} Uhr erneut.`,
    extensions: { retryAfterSeconds, lockedUntil: until.toISOString() },
  });
}

export async function logout(ctx: RequestContext, sessionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await endSession(trx, sessionId);
    await recordAudit(ctx, trx, { action: 'auth.logout', resourceType: 'session' });
  });
  clearAuthCache();
}

export async function describeMe(
  ctx: RequestContext,
  config: Config,
  session: { csrfToken: string; authMethod: 'password' | 'oidc'; createdAt: Date },
): Promise<MeDto> {
  const user = await loadSelf(ctx);
  const memberships = await findMemberships(ctx.db, [user.id]);
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      locale: user.locale,
      totpEnabled: user.totp_enabled,
      hasPassword: user.password_hash !== null,
    },
    memberships: memberships.map((m) => ({
      id: m.id,
      organisationId: m.organisation_id,
      organisationName: m.organisation_name,
      role: m.role,
    })),
    assignedOrganisationIds: ctx.assignedOrganisationIds,
    secondFactorRequired: memberships.some((m) => config.requireSecondFactorRoles.includes(m.role)),
    csrfToken: session.csrfToken,
    session: { authMethod: session.authMethod, createdAt: session.createdAt.toISOString() },
  };
}

async function loadSelf(ctx: RequestContext): Promise<UserRow> {
  if (ctx.actor.kind !== 'user') throw new AppError('authentication-required');
  return ctx.db.selectFrom('users').selectAll().where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
}

/** Sensitive changes need the current password again (and the second factor when set). */
async function reauthenticate(user: UserRow, password: string, totp?: string): Promise<number | null> {
  if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
    throw new AppError('reauthentication-required', {
      errors: [{ pointer: '/body/password', message: 'falsches Passwort' }],
    });
  }
  if (user.totp_enabled && user.totp_secret) {
    const step = totp ? matchTotpStep(user.totp_secret, totp) : null;
    if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
      throw new AppError('invalid-second-factor');
    }
    return step;
  }
  return null;
}

export async function changePassword(
  ctx: RequestContext,
  config: Config,
  sessionId: string,
  input: { currentPassword: string; newPassword: string; totp?: string },
): Promise<void> {
  const user = await loadSelf(ctx);
  const step = await reauthenticate(user, input.currentPassword, input.totp);
  const hash = await hashPassword(input.newPassword, { memoryKiB: config.argon2MemoryKiB });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        password_changed_at: new Date(),
        updated_at: new Date(),
        ...(step ? { totp_last_step: step } : {}),
      })
      .where('id', '=', user.id)
      .execute();
    await endAllSessions(trx, user.id, sessionId);
    await recordAudit(ctx, trx, {
      action: 'user.password_change',
      resourceType: 'user',
      resourceId: user.id,
    });
  });
}

export async function startTotpSetup(ctx: RequestContext, password: string) {
  const user = await loadSelf(ctx);
  if (user.totp_enabled)
    throw new AppError('conflict', { detail: 'Der zweite Faktor ist bereits eingerichtet.' });
  if (user.password_hash) await reauthenticate(user, password);
  const secret = newTotpSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret: secret, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(ctx, trx, {
      action: 'user.totp_setup_started',
      resourceType: 'user',
      resourceId: user.id,
    });
  });
  return { secret, otpauthUri: totpUri(secret, user.email) };
}

export async function enableTotp(ctx: RequestContext, code: string): Promise<void> {
  const user = await loadSelf(ctx);
  if (user.totp_enabled || !user.totp_secret) {
    throw new AppError('invalid-state-transition', { detail: 'Bitte zuerst die Einrichtung starten.' });
  }
  const step = matchTotpStep(user.totp_secret, code);
  if (step === null) throw new AppError('invalid-second-factor');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_enabled: true, totp_last_step: step, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(ctx, trx, { action: 'user.totp_enable', resourceType: 'user', resourceId: user.id });
  });
  clearAuthCache();
}

export async function disableTotp(
  ctx: RequestContext,
  sessionId: string,
  password: string,
  code: string,
): Promise<void> {
  const user = await loadSelf(ctx);
  if (!user.totp_enabled)
    throw new AppError('invalid-state-transition', { detail: 'Kein zweiter Faktor eingerichtet.' });
  await reauthenticate(user, password, code);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_enabled: false, totp_secret: null, totp_last_step: null, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await endAllSessions(trx, user.id, sessionId);
    await recordAudit(ctx, trx, { action: 'user.totp_disable', resourceType: 'user', resourceId: user.id });
  });
  clearAuthCache();
}
