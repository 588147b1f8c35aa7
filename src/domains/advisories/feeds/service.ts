/**
 * The CERT's CSAF providers: registered by URL, polled on demand (API, CLI) or by the scheduled
 * job, every advisory that passes the integrity checks imported through the same path as an
 * upload (validation, byte-exact storage, supersession, matching).
 */
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Config } from '../../../platform/config.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { type OutboundPolicy, safeFetch } from '../../../platform/outbound/safe-fetch.ts';
import { organisationInScope, scopeFor } from '../../../platform/policy/policy.ts';
import { actingCert } from '../access.ts';
import { importAdvisory } from '../service.ts';
import { type PollReport, pollProvider } from './poll.ts';

export interface FeedProviderDto {
  id: string;
  organisationId: string;
  url: string;
  enabled: boolean;
  createdAt: string;
  lastPolledAt: string | null;
  lastReport: PollReport | null;
}

type ProviderRow = {
  id: string;
  organisation_id: string;
  url: string;
  enabled: boolean;
  created_at: Date;
  last_polled_at: Date | null;
  last_report: unknown;
};

const present = (row: ProviderRow): FeedProviderDto => ({
  id: row.id,
  organisationId: row.organisation_id,
  url: row.url,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  lastPolledAt: row.last_polled_at?.toISOString() ?? null,
  lastReport: (row.last_report as PollReport | null) ?? null,
});

/** The provider's own host is allowed; further hosts (key servers, CDNs) come from the configuration. */
export function feedPolicy(config: Config, providerUrl: string): OutboundPolicy {
  return {
    allowedHosts: [new URL(providerUrl).hostname, ...config.csafFeeds.allowedHosts],
    allowPrivateNetworks: config.csafFeeds.allowPrivateNetworks,
    allowHttp: config.csafFeeds.allowPrivateNetworks,
    maxBytes: 16 * 1024 * 1024,
    timeoutMs: 20_000,
  };
}

function checkProviderUrl(config: Config, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('validation-failed', {
      errors: [{ pointer: '/body/url', message: 'keine gültige URL' }],
    });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && config.csafFeeds.allowPrivateNetworks)) {
    throw new AppError('validation-failed', {
      detail: 'CSAF-Anbieter werden nur über https abgerufen.',
      errors: [{ pointer: '/body/url', message: 'https erforderlich' }],
    });
  }
  return url.href;
}

export async function listFeedProviders(ctx: RequestContext): Promise<{ items: FeedProviderDto[] }> {
  const scope = scopeFor(ctx, 'advisory.manage');
  const rows = await ctx.db
    .selectFrom('advisory_feed_providers')
    .selectAll()
    .where((eb) => organisationInScope(eb, eb.ref('advisory_feed_providers.organisation_id'), scope))
    .orderBy('created_at')
    .execute();
  return { items: rows.map(present) };
}

export async function addFeedProvider(
  ctx: RequestContext,
  config: Config,
  input: { url: string; organisationId?: string },
): Promise<FeedProviderDto> {
  const url = checkProviderUrl(config, input.url);
  const cert = await actingCert(ctx, ctx.db, input.organisationId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('advisory_feed_providers')
      .values({
        organisation_id: cert.id,
        url,
        created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'url']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', { detail: `${url} ist für dieses CERT bereits eingetragen.` });
    await recordAudit(ctx, trx, {
      action: 'advisory_feed.add',
      resourceType: 'advisory_feed_provider',
      resourceId: row.id,
      organisationId: cert.id,
      after: { url },
    });
    return present(row);
  });
}

export async function removeFeedProvider(ctx: RequestContext, id: string): Promise<void> {
  const row = await findProvider(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('advisory_feed_providers').where('id', '=', row.id).execute();
    await recordAudit(ctx, trx, {
      action: 'advisory_feed.remove',
      resourceType: 'advisory_feed_provider',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: { url: row.url },
    });
  });
}

async function findProvider(ctx: RequestContext, id: string): Promise<ProviderRow> {
  const scope = scopeFor(ctx, 'advisory.manage');
  const row = await ctx.db
    .selectFrom('advisory_feed_providers')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => organisationInScope(eb, eb.ref('advisory_feed_providers.organisation_id'), scope))
    .executeTakeFirst();
  if (!row) throw notFound('Der CSAF-Anbieter');
  return row;
}

/** Polls one provider now and records the report; the imports run as the caller. */
export async function pollFeedProvider(ctx: RequestContext, config: Config, id: string): Promise<PollReport> {
  const provider = await findProvider(ctx, id);
  const policy = feedPolicy(config, provider.url);
  let report: PollReport;
  try {
    report = await pollProvider(provider.url, {
      fetch: (url) => safeFetch(url, policy),
      alreadyHandled: async (documentUrl, updated) => {
        const entry = await ctx.db
          .selectFrom('advisory_feed_entries')
          .select(['updated', 'outcome'])
          .where('provider_id', '=', provider.id)
          .where('document_url', '=', documentUrl)
          .executeTakeFirst();
        return entry !== undefined && entry.updated === updated;
      },
      importDocument: async (document) => {
        const result = await importAdvisory(ctx, document.bytes, {
          organisationId: provider.organisation_id,
        });
        return { outcome: result.created ? 'imported' : 'unchanged', advisoryId: result.advisory.id };
      },
      recordEntry: async (entry) => {
        await ctx.db
          .insertInto('advisory_feed_entries')
          .values({
            provider_id: provider.id,
            document_url: entry.documentUrl,
            updated: entry.updated,
            outcome: entry.outcome,
            detail: entry.detail,
            advisory_id: entry.advisoryId,
          })
          .onConflict((oc) =>
            oc.columns(['provider_id', 'document_url']).doUpdateSet((eb) => ({
              updated: eb.ref('excluded.updated'),
              outcome: eb.ref('excluded.outcome'),
              detail: eb.ref('excluded.detail'),
              advisory_id: eb.ref('excluded.advisory_id'),
              handled_at: sql<Date>`now()`,
            })),
          )
          .execute();
      },
    });
  } catch (error) {
    // the provider itself failed (metadata unreachable or invalid): remembered, then reported
    const detail = error instanceof Error ? error.message : String(error);
    report = {
      provider: provider.url,
      publisher: null,
      sources: 0,
      entries: 0,
      imported: 0,
      unchanged: 0,
      skipped: 0,
      rejected: [],
      errors: [{ url: provider.url, reason: detail }],
    };
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('advisory_feed_providers')
      .set({ last_polled_at: new Date(), last_report: JSON.stringify(report) })
      .where('id', '=', provider.id)
      .execute();
    await recordAudit(ctx, trx, {
      action: 'advisory_feed.poll',
      resourceType: 'advisory_feed_provider',
      resourceId: provider.id,
      organisationId: provider.organisation_id,
      after: {
        imported: report.imported,
        unchanged: report.unchanged,
        skipped: report.skipped,
        rejected: report.rejected.length,
        errors: report.errors.length,
      },
    });
  });
  return report;
}

/** What one provider's entries came to, newest first (the CERT reads rejections here). */
export async function listFeedEntries(ctx: RequestContext, id: string) {
  const provider = await findProvider(ctx, id);
  const rows = await ctx.db
    .selectFrom('advisory_feed_entries')
    .selectAll()
    .where('provider_id', '=', provider.id)
    .orderBy('handled_at', 'desc')
    .limit(500)
    .execute();
  return {
    items: rows.map((r) => ({
      organisationId: provider.organisation_id,
      documentUrl: r.document_url,
      updated: r.updated,
      outcome: r.outcome,
      detail: r.detail,
      advisoryId: r.advisory_id,
      handledAt: r.handled_at.toISOString(),
    })),
  };
}
