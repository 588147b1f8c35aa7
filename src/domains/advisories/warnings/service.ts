/**
 * Warnings: a CERT passes an advisory on to Kommunen within its TLP (mayShareWith: AMBER only in
 * its state, AMBER+STRICT never, RED only to named people). Kommunen acknowledge and state
 * affected / not_affected / mitigated; the CERT follows the progress; every hand-over is written
 * to the append-only distribution log; e-mail and webhook notifications leave through an outbox
 * after commit.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/database.ts';
import type { TlpLabelColumn } from '../../../platform/db/schema.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { Notifier } from '../../../platform/notifications/notifications.ts';
import { isEmptyScope, type Scope, scopeFor, scopeIncludes } from '../../../platform/policy/policy.ts';
import {
  mayRead,
  mayShareWith,
  stricterTlp,
  TLP_RANK,
  type TlpBasis,
  type TlpLabel,
} from '../../../platform/tlp/tlp.ts';
import { servedScope, tlpContextOf, tlpRecipientOf } from '../access.ts';
import { presentMatch, presentRecipient } from '../presenter.ts';
import {
  findAdvisoryById,
  findDistributionLog,
  findKommunen,
  findMatches,
  findRecipients,
  findResponses,
  findWarningById,
  findWarnings,
  type OrganisationInfo,
  type RecipientRecord,
  unsafeOrganisationInfo,
  type WarningFilter,
  type WarningRecord,
} from '../repository.ts';
import type { PublishInput, RespondInput } from '../schemas.ts';

export interface NotificationDeps {
  notifier: Notifier;
  publicUrl: URL;
}

const basisFor = (label: TlpLabel): TlpBasis =>
  label === 'CLEAR'
    ? 'clear'
    : label === 'GREEN'
      ? 'community'
      : label === 'RED'
        ? 'named-recipient'
        : 'shared-organisation';

function presentWarning(w: WarningRecord, recipients: RecipientRecord[], withProgress: boolean) {
  const mine = recipients.filter((r) => r.warning_id === w.id);
  return {
    id: w.id,
    organisationId: w.organisation_id,
    advisoryId: w.advisory_id,
    documentKey: w.document_key,
    title: w.title,
    message: w.message,
    tlp: w.tlp_label,
    audience: w.audience,
    publishedAt: new Date(w.published_at).toISOString(),
    publishedBy: w.published_by_label,
    recipients: mine.map(presentRecipient),
    progress: withProgress
      ? {
          recipients: mine.length,
          acknowledged: mine.filter((r) => r.acknowledged_at !== null).length,
          responded: mine.filter((r) => r.status !== null).length,
          affected: mine.filter((r) => r.status === 'affected').length,
          notAffected: mine.filter((r) => r.status === 'not_affected').length,
          mitigated: mine.filter((r) => r.status === 'mitigated').length,
        }
      : null,
  };
}

// --- publish ---------------------------------------------------------------------------------------

async function audienceOrganisations(
  trx: Tx,
  publishScope: Scope,
  advisoryId: string,
  input: PublishInput,
): Promise<{ organisations: OrganisationInfo[]; namedUserIds: string[] }> {
  const audience = input.audience;
  switch (audience.kind) {
    case 'matched': {
      const classes = audience.classes ?? ['confirmed', 'probable'];
      const rows = await trx
        .selectFrom('advisory_matches')
        .select('organisation_id')
        .distinct()
        .where('advisory_id', '=', advisoryId)
        .where((eb) =>
          eb.or([
            eb.and([
              eb('class', 'in', classes),
              eb.or([eb('review_decision', 'is', null), eb('review_decision', '!=', 'dismissed')]),
            ]),
            eb('review_decision', '=', 'confirmed'),
          ]),
        )
        .execute();
      const ids = new Set(rows.map((r) => r.organisation_id));
      return {
        organisations: (await findKommunen(trx, publishScope)).filter((o) => ids.has(o.id)),
        namedUserIds: [],
      };
    }
    case 'organisations': {
      const kommunen = await findKommunen(trx, publishScope);
      const byId = new Map(kommunen.map((k) => [k.id, k]));
      const unknown = audience.organisationIds.flatMap((id, i) => (byId.has(id) ? [] : [i]));
      if (unknown.length > 0) {
        throw new AppError('validation-failed', {
          detail: 'Einige Empfänger sind keine Kommunen, die das CERT betreut.',
          errors: unknown.map((i) => ({
            pointer: `/body/audience/organisationIds/${i}`,
            message: 'keine betreute Kommune',
          })),
        });
      }
      return {
        organisations: [...new Set(audience.organisationIds)].map((id) => byId.get(id) as OrganisationInfo),
        namedUserIds: [],
      };
    }
    case 'district': {
      const [district] = await unsafeOrganisationInfo(trx, [audience.organisationId]);
      if (district?.type !== 'district' || !scopeIncludes(publishScope, district)) {
        throw new AppError('validation-failed', {
          detail: 'Der Landkreis ist unbekannt oder wird von diesem CERT nicht betreut.',
          errors: [{ pointer: '/body/audience/organisationId', message: 'kein betreuter Landkreis' }],
        });
      }
      return { organisations: await findKommunen(trx, publishScope, district.id), namedUserIds: [] };
    }
    case 'state':
      return { organisations: await findKommunen(trx, publishScope), namedUserIds: [] };
    case 'users': {
      const memberships = await trx
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.user_id', 'memberships.organisation_id'])
        .where('memberships.user_id', 'in', audience.userIds)
        .where('memberships.role', 'in', ['isb', 'member'])
        .where('users.disabled_at', 'is', null)
        .execute();
      const kommunen = new Map((await findKommunen(trx, publishScope)).map((k) => [k.id, k]));
      const missing = audience.userIds.flatMap((id, i) =>
        memberships.some((m) => m.user_id === id && kommunen.has(m.organisation_id)) ? [] : [i],
      );
      if (missing.length > 0) {
        throw new AppError('validation-failed', {
          detail: 'Benannte Empfänger müssen ISB oder Mitarbeitende einer betreuten Kommune sein.',
          errors: missing.map((i) => ({
            pointer: `/body/audience/userIds/${i}`,
            message: 'keine Person einer betreuten Kommune',
          })),
        });
      }
      const organisations = [
        ...new Set(memberships.filter((m) => kommunen.has(m.organisation_id)).map((m) => m.organisation_id)),
      ].map((id) => kommunen.get(id) as OrganisationInfo);
      return { organisations, namedUserIds: [...new Set(audience.userIds)] };
    }
    default: {
      const unknownKind: never = audience;
      throw new Error(`unknown audience ${JSON.stringify(unknownKind)}`);
    }
  }
}

export async function publishWarning(
  ctx: RequestContext,
  advisoryId: string,
  input: PublishInput,
  deps: NotificationDeps,
) {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const recipient = await tlpRecipientOf(ctx, trx);
    const advisory = await findAdvisoryById(trx, scopeFor(ctx, 'advisory.read'), recipient, advisoryId);
    if (!advisory || !mayRead({ label: advisory.tlp_label, ...tlpContextOf(advisory) }, recipient)) {
      throw notFound('Die Sicherheitsmeldung');
    }
    const [owner] = await unsafeOrganisationInfo(trx, [advisory.organisation_id]);
    const publishScope = scopeFor(ctx, 'warning.publish');
    if (!owner || !scopeIncludes(publishScope, owner)) {
      throw new AppError('forbidden', {
        detail: 'Warnungen veröffentlicht nur das CERT, dem die Meldung gehört.',
      });
    }
    if (input.tlp && TLP_RANK[input.tlp] < TLP_RANK[advisory.tlp_label]) {
      throw new AppError('validation-failed', {
        detail: `Die Warnung darf nicht lockerer eingestuft werden als die Meldung (TLP:${advisory.tlp_label}).`,
        errors: [{ pointer: '/body/tlp', message: `mindestens TLP:${advisory.tlp_label}` }],
      });
    }
    const label = stricterTlp(advisory.tlp_label, input.tlp ?? advisory.tlp_label);
    if (label === 'AMBER+STRICT') {
      throw new AppError('forbidden', {
        detail: 'TLP:AMBER+STRICT bleibt beim CERT und wird nicht an Kommunen weitergegeben.',
      });
    }
    if ((label === 'RED') !== (input.audience.kind === 'users')) {
      throw new AppError('validation-failed', {
        detail:
          label === 'RED'
            ? 'TLP:RED geht nur an namentlich benannte Personen (audience.kind „users“).'
            : 'Namentlich benannte Empfänger gibt es nur bei TLP:RED.',
        errors: [
          { pointer: '/body/audience/kind', message: label === 'RED' ? 'users erwartet' : 'nur bei TLP:RED' },
        ],
      });
    }
    // the owner is in the publisher's scope; the audience is what the owning CERT serves
    const effectiveScope = servedScope(owner);
    if (isEmptyScope(effectiveScope)) throw new AppError('forbidden');
    const { organisations, namedUserIds } = await audienceOrganisations(
      trx,
      effectiveScope,
      advisory.id,
      input,
    );
    if (organisations.length === 0) {
      throw new AppError('validation-failed', {
        detail: 'Die Warnung hätte keine Empfänger (keine passende Kommune).',
        errors: [{ pointer: '/body/audience', message: 'keine Empfänger' }],
      });
    }
    const context = tlpContextOf({
      organisation_id: owner.id,
      owner_state_id: owner.state_id,
      named_recipient_user_ids: namedUserIds,
      shared_with_organisation_ids: [],
    });
    const refused = organisations.filter(
      (o) => label !== 'RED' && !mayShareWith(label, context, { id: o.id, stateId: o.state_id }),
    );
    if (refused.length > 0) {
      throw new AppError('forbidden', {
        detail: `TLP:${label} darf nicht an ${refused.map((o) => o.name).join(', ')} weitergegeben werden.`,
      });
    }
    const recipientIds = organisations.map((o) => o.id);
    const warning = await trx
      .insertInto('warnings')
      .values({
        organisation_id: owner.id,
        owner_state_id: owner.state_id,
        advisory_id: advisory.id,
        document_key: advisory.document_key,
        title: input.title ?? advisory.title,
        message: input.message ?? null,
        tlp_label: label,
        audience: JSON.stringify(input.audience),
        recipient_organisation_ids: label === 'RED' ? [] : recipientIds,
        // RED: the publishing analyst holds it already and must follow the answers
        named_recipient_user_ids:
          label === 'RED' && actorUserId(ctx.actor)
            ? [...new Set([...namedUserIds, actorUserId(ctx.actor) as string])]
            : namedUserIds,
        published_by: actorUserId(ctx.actor),
        published_by_label: actorLabel(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('warning_recipients')
      .values(organisations.map((o) => ({ warning_id: warning.id, organisation_id: o.id })))
      .execute();
    // The addressed Kommunen (or named people) may now read the advisory itself under its label.
    await trx
      .updateTable('advisories')
      .set({
        shared_with_organisation_ids:
          label === 'RED'
            ? sql<string[]>`shared_with_organisation_ids`
            : sql<
                string[]
              >`(select coalesce(array_agg(distinct x), '{}') from unnest(shared_with_organisation_ids || ${recipientIds}::uuid[]) x)`,
        named_recipient_user_ids: sql<
          string[]
        >`(select coalesce(array_agg(distinct x), '{}') from unnest(named_recipient_user_ids || ${namedUserIds}::uuid[]) x)`,
      })
      .where('id', '=', advisory.id)
      .execute();
    const basis = basisFor(label);
    const entry = (organisationId: string | null, userId: string | null, recipientText: string) => ({
      warning_id: warning.id,
      advisory_id: advisory.id,
      owner_organisation_id: owner.id,
      organisation_id: organisationId,
      user_id: userId,
      channel: 'platform' as const,
      recipient: recipientText,
      tlp_label: label,
      basis,
      event: 'published' as const,
      detail: null,
    });
    const log = [
      ...organisations.map((o) => entry(o.id, null, o.ars ? `${o.name} (${o.ars})` : o.name)),
      ...namedUserIds.map((userId) => entry(null, userId, `user:${userId}`)),
    ];
    await trx.insertInto('warning_distribution_log').values(log).execute();
    await queueNotifications(trx, deps.notifier, warning.id, label, organisations, namedUserIds);
    await recordAudit(ctx, trx, {
      action: 'warning.publish',
      resourceType: 'warning',
      resourceId: warning.id,
      organisationId: owner.id,
      after: { advisoryId: advisory.id, tlp: label, audience: input.audience, recipients: recipientIds },
    });
    return warning.id;
  });
  // after commit: the outbox rows are durable, sending may take retries
  void dispatchWarningNotifications(ctx.db, deps, result).catch(() => undefined);
  return getWarning(ctx, result);
}

async function queueNotifications(
  trx: Tx,
  notifier: Notifier,
  warningId: string,
  label: TlpLabel,
  organisations: OrganisationInfo[],
  namedUserIds: string[],
) {
  const rows: {
    warning_id: string;
    organisation_id: string | null;
    user_id: string | null;
    channel: 'email' | 'webhook';
    target: string;
    basis: string;
  }[] = [];
  if (notifier.mailEnabled) {
    const people =
      label === 'RED'
        ? await trx
            .selectFrom('users')
            .innerJoin('memberships', 'memberships.user_id', 'users.id')
            .select(['users.id', 'users.email', 'memberships.organisation_id'])
            .where('users.id', 'in', namedUserIds)
            .where(
              'memberships.organisation_id',
              'in',
              organisations.map((o) => o.id),
            )
            .where('users.disabled_at', 'is', null)
            .execute()
        : await trx
            .selectFrom('users')
            .innerJoin('memberships', 'memberships.user_id', 'users.id')
            .select(['users.id', 'users.email', 'memberships.organisation_id'])
            .where('memberships.role', '=', 'isb')
            .where(
              'memberships.organisation_id',
              'in',
              organisations.map((o) => o.id),
            )
            .where('users.disabled_at', 'is', null)
            .execute();
    const seen = new Set<string>();
    for (const person of people) {
      if (seen.has(person.id)) continue;
      seen.add(person.id);
      rows.push({
        warning_id: warningId,
        organisation_id: person.organisation_id,
        user_id: person.id,
        channel: 'email',
        target: person.email,
        basis: basisFor(label),
      });
    }
  }
  if (notifier.webhookEnabled && notifier.webhookTarget) {
    rows.push({
      warning_id: warningId,
      organisation_id: null,
      user_id: null,
      channel: 'webhook',
      target: notifier.webhookTarget,
      basis: 'operator-webhook',
    });
  }
  if (rows.length > 0) await trx.insertInto('warning_notifications').values(rows).execute();
}

const inFlight = new Set<string>();

function mailFor(warning: WarningRecord, url: string) {
  const label = warning.tlp_label;
  // RED: nothing of the content leaves the platform, only that there is something to read
  const title = label === 'RED' ? 'Neue Warnung / new warning' : warning.title;
  const subject = `[TLP:${label}] Bastei-Warnung: ${title}`;
  const handling =
    label === 'CLEAR'
      ? 'TLP:CLEAR – keine Einschränkung der Weitergabe.'
      : label === 'GREEN'
        ? 'TLP:GREEN – Weitergabe nur innerhalb der Gemeinschaft, nicht öffentlich.'
        : label === 'AMBER'
          ? 'TLP:AMBER – Weitergabe nur innerhalb Ihrer Organisation nach Kenntnis-Bedarf.'
          : 'TLP:RED – nur für Sie persönlich, keine Weitergabe.';
  const lines = [
    'Guten Tag,',
    '',
    'das Landes-CERT hat in Bastei eine Warnung für Ihre Kommune veröffentlicht.',
    ...(label === 'RED' ? [] : ['', `Titel: ${warning.title}`]),
    '',
    `Bitte melden Sie sich an, bestätigen Sie den Empfang und geben Sie Ihre Stellungnahme ab: ${url}`,
    '',
    handling,
    '',
    '---',
    `The state CERT published a warning for your municipality in Bastei (TLP:${label}). Please sign in: ${url}`,
  ];
  return { subject, text: lines.join('\n') };
}

/**
 * Sends the pending notifications (of one warning, or all), with the notifier's retries, and
 * records each outcome in the outbox row and the distribution log. Safe to call again: rows
 * already sent are skipped; rows in flight in this process are not picked twice.
 */
export async function dispatchWarningNotifications(
  db: Db,
  deps: NotificationDeps,
  warningId?: string,
): Promise<{ sent: number; failed: number }> {
  const pending = await db
    .selectFrom('warning_notifications')
    .selectAll()
    .where('status', '=', 'pending')
    .$if(warningId !== undefined, (q) => q.where('warning_id', '=', warningId as string))
    .orderBy('created_at')
    .execute();
  let sent = 0;
  let failed = 0;
  for (const row of pending) {
    if (inFlight.has(row.id)) continue;
    inFlight.add(row.id);
    try {
      const warning = (await db
        .selectFrom('warnings')
        .selectAll()
        .where('id', '=', row.warning_id)
        .executeTakeFirstOrThrow()) as unknown as WarningRecord;
      const url = new URL(`/warnungen/${warning.id}`, deps.publicUrl).toString();
      let outcome: Awaited<ReturnType<Notifier['sendMail']>>;
      if (row.channel === 'email') {
        outcome = await deps.notifier.sendMail({ to: row.target, ...mailFor(warning, url) });
      } else {
        const recipients = await db
          .selectFrom('warning_recipients')
          .innerJoin('organisations', 'organisations.id', 'warning_recipients.organisation_id')
          .select(['organisations.id', 'organisations.ars'])
          .where('warning_id', '=', warning.id)
          .execute();
        const open = warning.tlp_label === 'CLEAR' || warning.tlp_label === 'GREEN';
        const body = JSON.stringify({
          event: 'warning.published',
          warningId: warning.id,
          advisoryId: warning.advisory_id,
          tlp: warning.tlp_label,
          publishedAt: new Date(warning.published_at).toISOString(),
          // the receiver is the operator's system: content only where TLP lets it leave
          ...(open ? { title: warning.title } : {}),
          recipients:
            warning.tlp_label === 'RED' ? [] : recipients.map((r) => ({ organisationId: r.id, ars: r.ars })),
          url,
        });
        outcome = await deps.notifier.sendWebhook({ body, event: 'warning.published' });
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('warning_notifications')
          .set({
            status: outcome.ok ? 'sent' : 'failed',
            attempts: sql`attempts + ${outcome.attempts}`,
            last_error: outcome.error ?? null,
            sent_at: outcome.ok ? new Date() : null,
          })
          .where('id', '=', row.id)
          .execute();
        await trx
          .insertInto('warning_distribution_log')
          .values({
            warning_id: warning.id,
            advisory_id: warning.advisory_id,
            owner_organisation_id: warning.organisation_id,
            organisation_id: row.organisation_id,
            user_id: row.user_id,
            channel: row.channel,
            recipient: row.target,
            tlp_label: warning.tlp_label as TlpLabelColumn,
            basis: row.basis,
            event: outcome.ok ? 'delivered' : 'failed',
            detail: outcome.ok
              ? `nach ${outcome.attempts} Versuch(en)`
              : (outcome.error ?? 'unbekannter Fehler'),
          })
          .execute();
      });
      if (outcome.ok) sent++;
      else failed++;
    } finally {
      inFlight.delete(row.id);
    }
  }
  return { sent, failed };
}

// --- reading ---------------------------------------------------------------------------------------

async function loadWarning(ctx: RequestContext, db: Db | Tx, id: string) {
  const recipient = await tlpRecipientOf(ctx, db);
  const warning = await findWarningById(db, scopeFor(ctx, 'warning.read'), recipient, id);
  if (!warning || !mayRead({ label: warning.tlp_label, ...tlpContextOf(warning) }, recipient)) {
    throw notFound('Die Warnung');
  }
  return { warning, recipient };
}

/** The CERT (publisher side) sees all recipients and the progress; a Kommune its own rows. */
function publisherView(ctx: RequestContext, warning: WarningRecord, owner: OrganisationInfo | undefined) {
  return owner !== undefined && scopeIncludes(scopeFor(ctx, 'advisory.read'), owner) && warning !== null;
}

export async function getWarning(ctx: RequestContext, id: string) {
  const { warning, recipient } = await loadWarning(ctx, ctx.db, id);
  const [owner] = await unsafeOrganisationInfo(ctx.db, [warning.organisation_id]);
  const publisher = publisherView(ctx, warning, owner);
  const scope: Scope = publisher ? servedScope(owner as OrganisationInfo) : scopeFor(ctx, 'warning.read');
  const recipients = await findRecipients(ctx.db, scope, [id]);
  const matches = await findMatches(
    ctx.db,
    scope,
    { all: true, organisationIds: [], subtreeRootIds: [] },
    recipient,
    {
      advisoryId: warning.advisory_id,
      limit: 500,
      offset: 0,
    },
  );
  const addressed = new Set(recipients.map((r) => r.organisation_id));
  return {
    ...presentWarning(warning, recipients, publisher),
    matches: matches.rows
      .filter((m) => addressed.has(m.organisation_id) && m.review_decision !== 'dismissed')
      .map(presentMatch),
  };
}

export async function listWarnings(ctx: RequestContext, filter: WarningFilter) {
  const recipient = await tlpRecipientOf(ctx);
  const readScope = scopeFor(ctx, 'warning.read');
  const { rows, total } = await findWarnings(ctx.db, readScope, recipient, filter);
  const visible = rows.filter((w) => mayRead({ label: w.tlp_label, ...tlpContextOf(w) }, recipient));
  const owners = await unsafeOrganisationInfo(ctx.db, [...new Set(visible.map((w) => w.organisation_id))]);
  const advisoryScope = scopeFor(ctx, 'advisory.read');
  const isPublisher = (w: WarningRecord) => {
    const owner = owners.find((o) => o.id === w.organisation_id);
    return owner !== undefined && scopeIncludes(advisoryScope, owner);
  };
  const publisherIds = visible.filter(isPublisher).map((w) => w.id);
  const ownIds = visible.filter((w) => !isPublisher(w)).map((w) => w.id);
  const recipients = [
    ...(await findRecipients(ctx.db, { all: true, organisationIds: [], subtreeRootIds: [] }, publisherIds)),
    ...(await findRecipients(ctx.db, readScope, ownIds)),
  ];
  return {
    items: visible.map((w) => presentWarning(w, recipients, isPublisher(w))),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function getDistributionLog(ctx: RequestContext, id: string) {
  const { warning } = await loadWarning(ctx, ctx.db, id);
  const rows = await findDistributionLog(ctx.db, scopeFor(ctx, 'advisory.read'), id);
  const [owner] = await unsafeOrganisationInfo(ctx.db, [warning.organisation_id]);
  if (!owner || !scopeIncludes(scopeFor(ctx, 'advisory.read'), owner)) {
    throw new AppError('forbidden', { detail: 'Das Verteilprotokoll sieht nur das veröffentlichende CERT.' });
  }
  return {
    organisationId: warning.organisation_id,
    warningId: warning.id,
    items: rows.map((r) => ({
      id: Number(r.id),
      warningId: r.warning_id,
      advisoryId: r.advisory_id,
      organisationId: r.organisation_id,
      userId: r.user_id,
      channel: r.channel,
      recipient: r.recipient,
      tlp: r.tlp_label,
      basis: r.basis,
      event: r.event,
      detail: r.detail,
      occurredAt: new Date(r.occurred_at).toISOString(),
    })),
  };
}

// --- acknowledgement and statement -----------------------------------------------------------------

async function ownRecipientRow(ctx: RequestContext, trx: Tx, warningId: string, organisationId?: string) {
  const rows = await findRecipients(trx, scopeFor(ctx, 'warning.respond'), [warningId], true);
  const candidates = organisationId ? rows.filter((r) => r.organisation_id === organisationId) : rows;
  if (candidates.length === 0) {
    throw new AppError('forbidden', { detail: 'Auf diese Warnung antwortet nur eine adressierte Kommune.' });
  }
  if (candidates.length > 1) {
    throw new AppError('validation-failed', {
      detail: 'Sie antworten für mehrere Kommunen: bitte organisationId angeben.',
      errors: [{ pointer: '/body/organisationId', message: 'erforderlich' }],
    });
  }
  return candidates[0] as RecipientRecord;
}

export async function acknowledgeWarning(ctx: RequestContext, id: string, organisationId?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    await loadWarning(ctx, trx, id);
    const row = await ownRecipientRow(ctx, trx, id, organisationId);
    if (row.acknowledged_at === null) {
      await trx
        .updateTable('warning_recipients')
        .set({ acknowledged_at: new Date(), acknowledged_by: actorUserId(ctx.actor) })
        .where('id', '=', row.id)
        .execute();
      await recordAudit(ctx, trx, {
        action: 'warning.acknowledge',
        resourceType: 'warning',
        resourceId: id,
        organisationId: row.organisation_id,
        after: { acknowledged: true },
      });
    }
    const [updated] = await findRecipients(trx, scopeFor(ctx, 'warning.respond'), [id]).then((rows) =>
      rows.filter((r) => r.id === row.id),
    );
    return presentRecipient(updated as RecipientRecord);
  });
}

export async function respondToWarning(ctx: RequestContext, id: string, input: RespondInput) {
  return ctx.db.transaction().execute(async (trx) => {
    await loadWarning(ctx, trx, id);
    const row = await ownRecipientRow(ctx, trx, id, input.organisationId);
    const now = new Date();
    const revision = row.revision + 1;
    await trx
      .updateTable('warning_recipients')
      .set({
        status: input.status,
        note: input.note ?? null,
        responded_at: now,
        responded_by: actorUserId(ctx.actor),
        revision,
        ...(row.acknowledged_at === null
          ? { acknowledged_at: now, acknowledged_by: actorUserId(ctx.actor) }
          : {}),
      })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('warning_responses')
      .values({
        warning_id: id,
        organisation_id: row.organisation_id,
        revision,
        status: input.status,
        note: input.note ?? null,
        responded_by: actorUserId(ctx.actor),
        responded_by_label: actorLabel(ctx.actor),
        responded_at: now,
      })
      .execute();
    await recordAudit(ctx, trx, {
      action: 'warning.respond',
      resourceType: 'warning',
      resourceId: id,
      organisationId: row.organisation_id,
      before: { status: row.status, note: row.note },
      after: { status: input.status, note: input.note ?? null, revision },
    });
    const [updated] = (await findRecipients(trx, scopeFor(ctx, 'warning.respond'), [id])).filter(
      (r) => r.id === row.id,
    );
    return presentRecipient(updated as RecipientRecord);
  });
}

export { findResponses };
