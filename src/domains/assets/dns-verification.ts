/**
 * Proof of control over a domain: the platform issues a token per organisation and domain; the
 * Kommune publishes `bastei-verification=<token>` as a TXT record on the domain; a check through
 * node:dns (servers from BASTEI_DNS_RESOLVER, else the system's) records the verification,
 * valid 30 days. A check that finds the record gone withdraws it at once; a failed lookup
 * (timeout, SERVFAIL) changes nothing but is recorded. The scan engine re-checks with
 * `recheckDomainVerifications` before a scan.
 */
import { randomBytes } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { DomainCheckResult, DomainVerificationRow } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isWithinDomain, normaliseDnsName, normaliseTarget } from './names.ts';
import { presentVerification } from './presenter.ts';
import { findVerificationById, findVerifications, type VerificationRecord } from './repository.ts';
import { DNS_RECORD_PREFIX, DNS_VERIFICATION_VALID_DAYS } from './schemas.ts';
import { invalid, loadOrganisation, permit, readScope } from './service.ts';

export interface DnsOptions {
  /** `ip[:port]` entries; undefined: the system's resolvers. */
  servers?: string[] | undefined;
  timeoutMs?: number;
}

export interface TxtLookup {
  result: DomainCheckResult;
  detail: string;
}

/** Looks up the domain's TXT records and whether one of them carries the token. Never throws. */
export async function lookupVerificationRecord(
  domain: string,
  token: string,
  options: DnsOptions,
): Promise<TxtLookup> {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3_000, tries: 2 });
  if (options.servers) resolver.setServers(options.servers);
  const expected = `${DNS_RECORD_PREFIX}${token}`;
  try {
    const records = (await resolver.resolveTxt(domain)).map((chunks) => chunks.join(''));
    if (records.some((text) => text.trim() === expected)) {
      return { result: 'verified', detail: `TXT-Eintrag ${expected} gefunden.` };
    }
    const others = records.filter((text) => text.startsWith(DNS_RECORD_PREFIX)).length;
    return {
      result: 'missing',
      detail: others
        ? `${others} TXT-Eintrag/Einträge „${DNS_RECORD_PREFIX}…“ gefunden, aber keiner mit dem Token dieser Organisation.`
        : `Kein TXT-Eintrag „${expected}“ auf ${domain} gefunden.`,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unbekannt';
    if (code === 'ENODATA' || code === 'ENOTFOUND') {
      return { result: 'missing', detail: `${domain} hat keine TXT-Einträge (${code}).` };
    }
    return {
      result: 'error',
      detail: `Die DNS-Abfrage ist fehlgeschlagen (${code}); bitte später erneut prüfen.`,
    };
  } finally {
    resolver.cancel();
  }
}

async function loadVerification(ctx: RequestContext, db: Executor, id: string, lock = false) {
  const row = await findVerificationById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Die Domain-Bestätigung');
  return row;
}

/** Issues (or returns the open) token of the organisation for the domain. */
export async function requestDomainVerification(
  ctx: RequestContext,
  organisationId: string,
  domainInput: string,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(ctx, trx, organisationId, 'scan.authorise');
    const domain = normaliseTarget('domain', domainInput);
    if (!domain.ok) throw invalid([{ field: 'domain', message: domain.message }]);
    const open = await findVerifications(trx, readScope(ctx), organisation.id, {
      includeRevoked: false,
      domain: domain.value,
    });
    if (open[0]) return { created: false, verification: presentVerification(open[0]) };
    const row = await trx
      .insertInto('domain_verifications')
      .values({
        organisation_id: organisation.id,
        domain: domain.value,
        token: randomBytes(24).toString('base64url'),
        requested_by: actorUserId(ctx.actor),
        requested_by_label: actorLabel(ctx.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: 'domain_verification.request',
      resourceType: 'domain_verification',
      resourceId: row.id,
      organisationId: organisation.id,
      after: { domain: row.domain },
    });
    return { created: true, verification: presentVerification(row) };
  });
}

export async function listDomainVerifications(
  ctx: RequestContext,
  organisationId: string,
  includeRevoked: boolean,
) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const rows = await findVerifications(ctx.db, readScope(ctx), organisation.id, { includeRevoked });
  const now = new Date();
  return {
    organisationId: organisation.id,
    items: rows.map((r) => presentVerification(r, now)),
    total: rows.length,
  };
}

export async function getDomainVerification(ctx: RequestContext, id: string) {
  return presentVerification(await loadVerification(ctx, ctx.db, id));
}

/** Records the outcome of a lookup on the verification (inside the caller's transaction). */
async function recordCheck(
  ctx: RequestContext,
  trx: Tx,
  row: DomainVerificationRow,
  lookup: TxtLookup,
  now: Date,
) {
  const validUntil = new Date(now.getTime() + DNS_VERIFICATION_VALID_DAYS * 86_400_000);
  const set =
    lookup.result === 'verified'
      ? { verified_at: now, verified_by_label: actorLabel(ctx.actor), valid_until: validUntil }
      : lookup.result === 'missing'
        ? { valid_until: null }
        : {};
  const updated = await trx
    .updateTable('domain_verifications')
    .set({
      ...set,
      last_checked_at: now,
      last_check_result: lookup.result,
      last_check_detail: lookup.detail.slice(0, 500),
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, trx, {
    action: 'domain_verification.check',
    resourceType: 'domain_verification',
    resourceId: row.id,
    organisationId: row.organisation_id,
    before: { validUntil: row.valid_until },
    after: { result: lookup.result, validUntil: updated.valid_until },
  });
  return updated;
}

async function checkRow(
  ctx: RequestContext,
  row: VerificationRecord | DomainVerificationRow,
  dns: DnsOptions,
) {
  // The DNS answer can take seconds: it is fetched outside the transaction, the row re-read inside.
  const lookup = await lookupVerificationRecord(row.domain, row.token, dns);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('domain_verifications')
      .selectAll()
      .where('id', '=', row.id)
      .where('organisation_id', '=', row.organisation_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.revoked_at || current.token !== row.token) return current;
    return recordCheck(ctx, trx, current, lookup, new Date());
  });
}

/** Looks the TXT record up now and records the result (200 whatever DNS said). */
export async function checkDomainVerification(ctx: RequestContext, id: string, dns: DnsOptions) {
  const row = await loadVerification(ctx, ctx.db, id);
  permit(ctx, 'scan.authorise', row);
  if (row.revoked_at) {
    throw new AppError('invalid-state-transition', {
      detail: 'Diese Domain-Bestätigung wurde widerrufen; bitte ein neues Token anfordern.',
    });
  }
  return presentVerification(await checkRow(ctx, row, dns));
}

export async function revokeDomainVerification(ctx: RequestContext, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVerification(ctx, trx, id, true);
    permit(ctx, 'scan.authorise', row);
    if (row.revoked_at) {
      throw new AppError('invalid-state-transition', {
        detail: 'Die Domain-Bestätigung ist bereits widerrufen.',
      });
    }
    const updated = await trx
      .updateTable('domain_verifications')
      .set({
        revoked_at: new Date(),
        revoked_by: actorUserId(ctx.actor),
        revoked_by_label: actorLabel(ctx.actor),
        valid_until: null,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: 'domain_verification.revoke',
      resourceType: 'domain_verification',
      resourceId: row.id,
      organisationId: row.organisation_id,
      after: { domain: row.domain, revoked: true },
    });
    return presentVerification(updated);
  });
}

/**
 * For the scan engine, right before a scan of `host`: re-checks every open DNS verification of
 * the organisation whose domain contains the host and records the results, so a removed TXT
 * record stops scans at once. Call assertScanAuthorised afterwards. `ctx` is the scan's context
 * (usually systemContext); the organisation is the one that owns the scan.
 */
export async function recheckDomainVerifications(
  ctx: RequestContext,
  organisationId: string,
  host: string,
  dns: DnsOptions,
): Promise<DomainVerificationRow[]> {
  const name = normaliseDnsName(host);
  if (!name.ok) return [];
  const open = await ctx.db
    .selectFrom('domain_verifications')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .execute();
  const relevant = open.filter((row) => isWithinDomain(name.value, row.domain));
  const results: DomainVerificationRow[] = [];
  for (const row of relevant) results.push(await checkRow(ctx, row, dns));
  return results;
}
