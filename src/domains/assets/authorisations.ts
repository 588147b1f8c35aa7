/**
 * Scan authorisations: a target of a Kommune is scanned only while an authorisation covers it
 * (AUTHORISATION_RULE in schemas.ts). The scan engine asks `findAuthorisation` /
 * `assertScanAuthorised` right before it contacts a target; everything else here is the API of
 * granting, listing and revoking.
 */
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { AuthorisationGrantorRole, ScanAuthorisationRow } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { scopeFor, scopeIncludes } from '../../platform/policy/policy.ts';
import { canonicalIp, cidrContains, isWithinDomain, normaliseDnsName, normaliseTarget } from './names.ts';
import { presentAuthorisation, presentVerificationAsAuthorisation } from './presenter.ts';
import {
  findAuditHistory,
  findAuthorisationById,
  findAuthorisations,
  unsafeFindActiveAuthorisations,
  unsafeFindValidVerifications,
} from './repository.ts';
import {
  AUTHORISATION_RULE,
  type AuthorisationDto,
  DNS_RECORD_PREFIX,
  type GrantAuthorisationInput,
} from './schemas.ts';
import { invalid, loadOrganisation, permit, readScope } from './service.ts';

export type { AuthorisationDto };

export interface ScanTarget {
  host: string;
  port?: number;
}

/** The host in canonical spelling: IP text or lower-case ASCII DNS name; null when it is neither. */
function canonicalHost(host: string): { name: string; ip: boolean } | null {
  const ip = canonicalIp(host);
  if (ip) return { name: ip, ip: true };
  const dns = normaliseDnsName(host);
  return dns.ok ? { name: dns.value, ip: false } : null;
}

function covers(
  row: ScanAuthorisationRow,
  host: { name: string; ip: boolean },
  port: number | undefined,
): boolean {
  if (row.ports !== null && (port === undefined || !row.ports.map(Number).includes(port))) return false;
  switch (row.kind) {
    case 'domain':
      return !host.ip && isWithinDomain(host.name, row.target);
    case 'host':
    case 'ip':
      return host.name === row.target;
    case 'cidr':
      return host.ip && cidrContains(row.target, host.name);
  }
}

/**
 * The authorisation that lets the platform scan `target` of the organisation at `now`, or null.
 * A declared authorisation counts between its grant and its expiry unless revoked; a domain
 * covers its subdomains; IP addresses only by explicit IP/CIDR authorisation. Port-limited
 * authorisations cover only a target with one of their ports. A valid DNS TXT verification
 * covers the domain with its subdomains on every port. Of several, the one lasting longest wins.
 * Reads only rows of `organisationId` (the organisation that owns the scan).
 */
export async function findAuthorisation(
  db: Executor,
  organisationId: string,
  target: { host: string; port?: number },
  now: Date = new Date(),
): Promise<AuthorisationDto | null> {
  const host = canonicalHost(target.host);
  if (!host) return null;
  const candidates: AuthorisationDto[] = [];
  // SQL narrows the rows down; `covers` is the rule itself.
  for (const row of await unsafeFindActiveAuthorisations(db, organisationId, now, {
    ...host,
    port: target.port,
  })) {
    if (covers(row, host, target.port)) candidates.push(presentAuthorisation(row, now));
  }
  if (!host.ip) {
    for (const row of await unsafeFindValidVerifications(db, organisationId, now, host.name)) {
      if (isWithinDomain(host.name, row.domain)) candidates.push(presentVerificationAsAuthorisation(row));
    }
  }
  candidates.sort((a, b) => b.expiresAt.localeCompare(a.expiresAt) || a.id.localeCompare(b.id));
  return candidates[0] ?? null;
}

/**
 * Like findAuthorisation, but throws `scan-not-authorised` (403) naming the target and how to
 * authorise it when nothing covers it.
 */
export async function assertScanAuthorised(
  db: Executor,
  organisationId: string,
  target: { host: string; port?: number },
  now: Date = new Date(),
): Promise<AuthorisationDto> {
  const found = await findAuthorisation(db, organisationId, target, now);
  if (found) return found;
  const host = canonicalHost(target.host);
  const shown = `${host?.name ?? target.host.slice(0, 100)}${target.port !== undefined ? `:${target.port}` : ''}`;
  const how = host?.ip
    ? `eine Freigabe der Art „ip“ oder „cidr“ für ${host.name}`
    : `eine Freigabe der Art „domain“ oder „host“ für ${host?.name ?? 'den Namen'} oder den DNS-TXT-Eintrag „${DNS_RECORD_PREFIX}<Token>“ auf der Domain (POST /api/v1/organisations/${organisationId}/domain-verifications)`;
  throw new AppError('scan-not-authorised', {
    detail: `Für ${shown} liegt keine gültige Scan-Freigabe der Organisation vor; es wird nicht gescannt. Das ISB der Kommune oder das Ministerium erfasst ${how} unter POST /api/v1/organisations/${organisationId}/scan-authorisations (höchstens ein Jahr gültig${target.port !== undefined ? `, ggf. mit Port ${target.port}` : ''}).`,
    extensions: { organisationId, target: shown },
  });
}

// --- API -------------------------------------------------------------------------------------------

/** Which of the actor's roles grants the authorisation (recorded with it). */
function grantorRole(
  ctx: RequestContext,
  organisation: { id: string; ancestor_ids: string[] },
): AuthorisationGrantorRole {
  if (ctx.actor.kind === 'system') return 'system';
  const roles: AuthorisationGrantorRole[] = ['isb', 'programme_manager', 'admin'];
  for (const role of roles) {
    const memberships = ctx.memberships.filter((m) => m.role === role);
    if (memberships.length === 0) continue;
    if (scopeIncludes(scopeFor({ ...ctx, memberships }, 'scan.authorise'), organisation)) return role;
  }
  throw new AppError('forbidden');
}

function expiryOf(input: GrantAuthorisationInput, now: Date): Date {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  if (!input.expiresAt) return limit;
  const expires = new Date(input.expiresAt);
  if (expires <= now)
    throw invalid([{ field: 'expiresAt', message: 'Das Ablaufdatum liegt nicht in der Zukunft.' }]);
  if (expires > limit) {
    throw invalid([
      { field: 'expiresAt', message: `Eine Freigabe gilt höchstens ein Jahr (bis ${limit.toISOString()}).` },
    ]);
  }
  return expires;
}

export async function grantAuthorisation(
  ctx: RequestContext,
  organisationId: string,
  input: GrantAuthorisationInput,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(ctx, trx, organisationId, 'scan.authorise');
    const target = normaliseTarget(input.kind, input.target);
    if (!target.ok) throw invalid([{ field: 'target', message: target.message }]);
    const now = new Date();
    const expires = expiryOf(input, now);
    const ports = input.ports ? [...new Set(input.ports)].sort((a, b) => a - b) : null;
    const row = await trx
      .insertInto('scan_authorisations')
      .values({
        organisation_id: organisation.id,
        kind: input.kind === 'host' && canonicalIp(target.value) ? 'ip' : input.kind,
        target: target.value,
        ports,
        note: input.note || null,
        granted_by: actorUserId(ctx.actor),
        granted_by_label: actorLabel(ctx.actor),
        granted_by_role: grantorRole(ctx, organisation),
        granted_at: now,
        expires_at: expires,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const dto = presentAuthorisation(row, now);
    await recordAudit(ctx, trx, {
      action: 'scan_authorisation.grant',
      resourceType: 'scan_authorisation',
      resourceId: row.id,
      organisationId: organisation.id,
      after: {
        kind: dto.kind,
        target: dto.target,
        ports: dto.ports,
        expiresAt: dto.expiresAt,
        grantedByRole: dto.grantedByRole,
        note: dto.note,
      },
    });
    return dto;
  });
}

export async function listAuthorisations(
  ctx: RequestContext,
  organisationId: string,
  status: 'active' | 'expired' | 'revoked' | 'all',
) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const now = new Date();
  const rows = await findAuthorisations(ctx.db, readScope(ctx), organisation.id, status, now);
  return {
    organisationId: organisation.id,
    items: rows.map((r) => presentAuthorisation(r, now)),
    total: rows.length,
  };
}

async function loadAuthorisation(ctx: RequestContext, db: Executor, id: string, lock = false) {
  const row = await findAuthorisationById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Die Scan-Freigabe');
  return row;
}

export async function getAuthorisation(ctx: RequestContext, id: string) {
  return presentAuthorisation(await loadAuthorisation(ctx, ctx.db, id));
}

export async function revokeAuthorisation(ctx: RequestContext, id: string, reason: string | undefined) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadAuthorisation(ctx, trx, id, true);
    permit(ctx, 'scan.authorise', row);
    if (row.revoked_at) {
      throw new AppError('invalid-state-transition', {
        detail: `Die Freigabe wurde bereits am ${new Date(row.revoked_at).toISOString()} widerrufen.`,
      });
    }
    const now = new Date();
    const updated = await trx
      .updateTable('scan_authorisations')
      .set({
        revoked_at: now,
        revoked_by: actorUserId(ctx.actor),
        revoked_by_label: actorLabel(ctx.actor),
        revocation_reason: reason ?? null,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: 'scan_authorisation.revoke',
      resourceType: 'scan_authorisation',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: { status: presentAuthorisation(row, now).status },
      after: { status: 'revoked', reason: reason ?? null },
    });
    return presentAuthorisation(updated, now);
  });
}

export async function getAuthorisationHistory(ctx: RequestContext, id: string) {
  const row = await loadAuthorisation(ctx, ctx.db, id);
  const entries = await findAuditHistory(ctx.db, row.organisation_id, 'scan_authorisation', row.id);
  return {
    organisationId: row.organisation_id,
    id: row.id,
    items: entries.map((e) => ({
      action: e.action,
      actor: e.actor_label,
      occurredAt: new Date(e.occurred_at).toISOString(),
      before: e.before,
      after: e.after,
    })),
  };
}

/** Whether the organisation may be scanned at host[:port] now (for the UI and operators). */
export async function checkAuthorisation(
  ctx: RequestContext,
  organisationId: string,
  host: string,
  port?: number,
) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const canonical = canonicalHost(host);
  if (!canonical)
    throw invalid(
      [{ field: 'host', message: `„${host.slice(0, 80)}“ ist weder IP-Adresse noch DNS-Name.` }],
      '/querystring',
    );
  const found = await findAuthorisation(
    ctx.db,
    organisation.id,
    port === undefined ? { host: canonical.name } : { host: canonical.name, port },
  );
  return {
    organisationId: organisation.id,
    host: canonical.name,
    port: port ?? null,
    authorised: found !== null,
    authorisation: found,
    rule: AUTHORISATION_RULE,
  };
}
