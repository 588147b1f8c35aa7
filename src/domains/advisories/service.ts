/**
 * Advisories in the database: import (validate, keep the bytes, supersede revisions), matching
 * against the installed products of the Kommunen the importing CERT serves, the CERT's alias
 * table, the review queue, and reads under TLP.
 *
 * Every read of an advisory passes `tlpVisible` in SQL and `mayRead` (tlp.ts) on the row; the role
 * policy gives the scope on top. CERTs (advisory.read) see their state's advisories with the
 * matches; everybody else sees an advisory only through a warning addressed to their Kommune, or
 * when it is CLEAR/GREEN (public list), never with matches.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, actorUserId, type RequestContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { TlpLabelColumn } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { scopeFor, scopeIncludes } from '../../platform/policy/policy.ts';
import { mayRead, type TlpRecipient } from '../../platform/tlp/tlp.ts';
import { actingCert, servedScope, tlpContextOf, tlpRecipientOf } from './access.ts';
import { CsafError } from './csaf/errors.ts';
import { type FlatAdvisory, flattenCsaf } from './csaf/flatten.ts';
import { type CsafRead, compareCsafRevisions, csafDocumentKey, readCsaf } from './csaf/validate.ts';
import { type AliasEntry, AliasTable } from './matching/aliases.ts';
import { type AdvisoryMatch, type InventoryIndex, indexInventory, matchAdvisory } from './matching/match.ts';
import { presentAdvisory, presentAlias, presentMatch } from './presenter.ts';
import {
  ADVISORY_COLUMNS,
  type AdvisoryFilter,
  type AdvisoryRecord,
  advisoryAddressedTo,
  findAdvisories,
  findAdvisoryById,
  findAliases,
  findInstalledProducts,
  findMatches,
  type InventoryRow,
  inventoryStamp,
  type MatchFilter,
  matchSummary,
  type OrganisationInfo,
  unsafeAdvisoryContent,
  unsafeOrganisationInfo,
} from './repository.ts';
import type { AliasInput, ReviewInput } from './schemas.ts';

// --- errors in German ------------------------------------------------------------------------------

const REASON_TEXT: Record<CsafError['reason'], string> = {
  'too-large': 'Das CSAF-Dokument ist zu groß.',
  encoding: 'Das CSAF-Dokument ist kein gültiges UTF-8.',
  'malformed-json': 'Das CSAF-Dokument ist kein gültiges JSON.',
  'not-csaf': 'Das ist kein CSAF-Dokument (es fehlt das Objekt „document“).',
  invalid: 'Das CSAF-Dokument verletzt das CSAF-2.0-Schema oder einen Pflichttest (Abschnitt 6.1).',
};

/** CsafError with a German detail and pointers into the request body (`/body/document/…`). */
function germanCsafError(error: CsafError): AppError {
  const errors = error.problems.map((p) => ({
    pointer: `/body${p.pointer}`,
    message: p.message,
    test: p.test,
  }));
  const first = errors[0];
  const where = first ? ` Erste Stelle: ${first.pointer} – ${first.message}` : '';
  const more = errors.length > 1 ? ` (und ${errors.length - 1} weitere)` : '';
  return new AppError(error.code, {
    detail: `${REASON_TEXT[error.reason]}${where}${more}`,
    errors,
    extensions: { reason: error.reason, tests: [...new Set(errors.map((e) => e.test))] },
    cause: error,
  });
}

export async function readCsafUpload(bytes: Uint8Array, maxBytes?: number): Promise<CsafRead> {
  try {
    return await readCsaf(bytes, maxBytes ? { maxBytes } : {});
  } catch (error) {
    if (error instanceof CsafError) throw germanCsafError(error);
    throw error;
  }
}

// --- caches (immutable inputs only, or checked by fingerprint) -------------------------------------

const FLAT_CACHE_SIZE = 256;
const flatCache = new Map<string, FlatAdvisory>();

/** An advisory row's content never changes, so its flattened form is cached by id. */
async function flatOf(db: Executor, advisoryId: string, document?: unknown): Promise<FlatAdvisory> {
  const cached = flatCache.get(advisoryId);
  if (cached) {
    flatCache.delete(advisoryId);
    flatCache.set(advisoryId, cached);
    return cached;
  }
  const parsed =
    document ?? JSON.parse(new TextDecoder().decode(await unsafeAdvisoryContent(db, advisoryId)));
  const flat = flattenCsaf(parsed);
  flatCache.set(advisoryId, flat);
  if (flatCache.size > FLAT_CACHE_SIZE) flatCache.delete(flatCache.keys().next().value as string);
  return flat;
}

interface CachedIndex {
  key: string;
  index: InventoryIndex;
}
/** Per CERT: the state's inventory indexed with the CERT's aliases, reused while unchanged. */
const indexCache = new Map<string, CachedIndex>();
/** Bumped by every re-match after an inventory change: cached indexes built before are stale. */
let inventoryGeneration = 0;

const toInstalled = (row: InventoryRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  name: row.product,
  vendor: row.vendor,
  version: row.version,
  cpe: row.cpe,
  purl: row.purl,
});

async function aliasTableOf(db: Executor, certId: string): Promise<{ table: AliasTable; stamp: string }> {
  const rows = await findAliases(db, { all: false, organisationIds: [certId], subtreeRootIds: [] });
  const entries: AliasEntry[] = rows.map((r) => ({
    id: r.alias_key,
    ...(r.label ? { label: r.label } : {}),
    cpes: r.cpes,
    purls: r.purls,
    names: r.names,
  }));
  const stamp = rows.map((r) => `${r.id}@${new Date(r.updated_at).getTime()}`).join(',');
  return { table: new AliasTable(entries), stamp };
}

async function stateIndex(db: Executor, cert: OrganisationInfo): Promise<InventoryIndex> {
  const scope = servedScope(cert);
  const [stamp, aliases] = await Promise.all([inventoryStamp(db, scope), aliasTableOf(db, cert.id)]);
  const key = `${inventoryGeneration}#${stamp}#${aliases.stamp}`;
  const cached = indexCache.get(cert.id);
  if (cached && cached.key === key) return cached.index;
  const products = await findInstalledProducts(db, scope);
  const index = indexInventory(products.map(toInstalled), aliases.table);
  indexCache.set(cert.id, { key, index });
  return index;
}

// --- storing matches -------------------------------------------------------------------------------

const INSERT_CHUNK = 500;

export interface MatchCounts {
  confirmed: number;
  probable: number;
  review: number;
  organisations: number;
}

const countMatches = (matches: readonly AdvisoryMatch[]): MatchCounts => ({
  confirmed: matches.filter((m) => m.class === 'confirmed').length,
  probable: matches.filter((m) => m.class === 'probable').length,
  review: matches.filter((m) => m.class === 'review').length,
  organisations: new Set(matches.map((m) => m.organisationId)).size,
});

/**
 * Replaces the stored matches of `advisory` (on one Kommune, or all) with `matches`. The CERT's
 * review decisions survive re-matching and new revisions while the (installed product, leaf) pair
 * is still a review match.
 */
async function storeMatches(
  trx: Tx,
  advisory: Pick<AdvisoryRecord, 'id' | 'organisation_id' | 'document_key'>,
  all: readonly AdvisoryMatch[],
  onlyOrganisationId?: string,
): Promise<MatchCounts> {
  const matches = all.filter((m) => m.class !== 'suppressed');
  const decisions = await trx
    .selectFrom('advisory_matches')
    .innerJoin('advisories', 'advisories.id', 'advisory_matches.advisory_id')
    .select([
      'advisory_matches.installed_product_id',
      'advisory_matches.product_id',
      'advisory_matches.review_decision',
      'advisory_matches.review_note',
      'advisory_matches.reviewed_by',
      'advisory_matches.reviewed_at',
    ])
    .where('advisories.organisation_id', '=', advisory.organisation_id)
    .where('advisories.document_key', '=', advisory.document_key)
    .where('advisory_matches.review_decision', 'is not', null)
    .$if(onlyOrganisationId !== undefined, (q) =>
      q.where('advisory_matches.organisation_id', '=', onlyOrganisationId as string),
    )
    .execute();
  const decided = new Map(decisions.map((d) => [`${d.installed_product_id}|${d.product_id}`, d]));
  // Match ids stay stable while the pair still matches (review decisions and links keep pointing at them).
  await trx
    .deleteFrom('advisory_matches')
    .where('advisory_id', '=', advisory.id)
    .$if(onlyOrganisationId !== undefined, (q) =>
      q.where('organisation_id', '=', onlyOrganisationId as string),
    )
    .where(
      sql<boolean>`(installed_product_id, product_id) not in (select * from unnest(${matches.map((m) => m.installedProductId)}::uuid[], ${matches.map((m) => m.productId)}::text[]))`,
    )
    .execute();
  const rows = matches.map((m) => {
    const decision = m.class === 'review' ? decided.get(`${m.installedProductId}|${m.productId}`) : undefined;
    return {
      advisory_id: advisory.id,
      organisation_id: m.organisationId,
      installed_product_id: m.installedProductId,
      product_id: m.productId,
      class: m.class as 'confirmed' | 'probable' | 'review',
      basis: m.basis,
      reasons: m.reasons,
      installed_version: m.installedVersion,
      advisory_version: m.advisoryVersion,
      cves: m.cves,
      max_base_score: m.maxBaseScore,
      review_decision: decision?.review_decision ?? null,
      review_note: decision?.review_note ?? null,
      reviewed_by: decision?.reviewed_by ?? null,
      reviewed_at: decision?.reviewed_at ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('advisory_matches')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(['advisory_id', 'installed_product_id', 'product_id']).doUpdateSet({
          organisation_id: (eb) => eb.ref('excluded.organisation_id'),
          class: (eb) => eb.ref('excluded.class'),
          basis: (eb) => eb.ref('excluded.basis'),
          reasons: (eb) => eb.ref('excluded.reasons'),
          installed_version: (eb) => eb.ref('excluded.installed_version'),
          advisory_version: (eb) => eb.ref('excluded.advisory_version'),
          cves: (eb) => eb.ref('excluded.cves'),
          max_base_score: (eb) => eb.ref('excluded.max_base_score'),
          // a decision is about a review match: kept while it stays one, dropped otherwise
          review_decision: sql`case when excluded.class <> 'review' then null when advisory_matches.review_decision is not null then advisory_matches.review_decision else excluded.review_decision end`,
          review_note: sql`case when excluded.class <> 'review' then null when advisory_matches.review_decision is not null then advisory_matches.review_note else excluded.review_note end`,
          reviewed_by: sql`case when excluded.class <> 'review' then null when advisory_matches.review_decision is not null then advisory_matches.reviewed_by else excluded.reviewed_by end`,
          reviewed_at: sql`case when excluded.class <> 'review' then null when advisory_matches.review_decision is not null then advisory_matches.reviewed_at else excluded.reviewed_at end`,
        }),
      )
      .execute();
  }
  await trx.updateTable('advisories').set({ matched_at: new Date() }).where('id', '=', advisory.id).execute();
  return countMatches(matches);
}

// --- import ----------------------------------------------------------------------------------------

export interface ImportOptions {
  /** The owning CERT (required for admin and the CLI when it is not the caller's only CERT). */
  organisationId?: string;
  /** TLP:RED: further people to name besides the importing user. */
  namedRecipientUserIds?: string[];
  maxBytes?: number;
}

export interface ImportResult {
  created: boolean;
  current: boolean;
  supersededId: string | null;
  matches: MatchCounts;
  advisory: ReturnType<typeof presentAdvisory>;
  warnings: { pointer: string; message: string; test: string }[];
}

const LOCK_NAMESPACE = 7_403_200;

export async function importAdvisory(
  ctx: RequestContext,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const cert = await actingCert(ctx, ctx.db, options.organisationId);
  const read = await readCsafUpload(bytes, options.maxBytes);
  const documentKey = csafDocumentKey(read);
  const named = [
    ...new Set([
      ...(read.tlp.label === 'RED' && actorUserId(ctx.actor) ? [actorUserId(ctx.actor) as string] : []),
      ...(options.namedRecipientUserIds ?? []),
    ]),
  ];
  if (read.tlp.label === 'RED' && named.length === 0) {
    throw new AppError('validation-failed', {
      detail: 'TLP:RED: mindestens eine Person muss namentlich als Empfänger benannt werden.',
      errors: [{ pointer: '/query/namedRecipientUserIds', message: 'erforderlich bei TLP:RED' }],
    });
  }
  return ctx.db.transaction().execute(async (trx) => {
    // revisions of one document arrive one after the other, whatever the number of importers
    await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${`${cert.id}#${documentKey}`}))`.execute(
      trx,
    );
    const same = await trx
      .selectFrom('advisories')
      .select('id')
      .where('organisation_id', '=', cert.id)
      .where('sha512', '=', read.sha512)
      .executeTakeFirst();
    if (same) {
      const record = await unsafeAdvisoryRecord(trx, same.id);
      return {
        created: false,
        current: record.is_current,
        supersededId: null,
        matches: summaryCounts(await matchSummary(trx, servedScope(cert), record.id)),
        advisory: presentAdvisory(record),
        warnings: read.warnings,
      };
    }
    const current = await trx
      .selectFrom('advisories')
      .select(['id', 'version', 'tracking_status', 'current_release_date'])
      .where('organisation_id', '=', cert.id)
      .where('document_key', '=', documentKey)
      .where('is_current', '=', true)
      .forUpdate()
      .executeTakeFirst();
    const newer =
      !current ||
      compareCsafRevisions(read, {
        version: current.version,
        trackingStatus: current.tracking_status,
        currentReleaseDate: current.current_release_date
          ? new Date(current.current_release_date).toISOString()
          : '',
      }) > 0;
    if (newer && current) {
      await trx.updateTable('advisories').set({ is_current: false }).where('id', '=', current.id).execute();
      await trx.deleteFrom('advisory_matches').where('advisory_id', '=', current.id).execute();
    }
    const flat = flattenCsaf(read.document);
    const maxBaseScore = flat.vulnerabilities.reduce<number | null>(
      (max, v) => (v.maxBaseScore === null ? max : Math.max(max ?? 0, v.maxBaseScore)),
      null,
    );
    const inserted = await trx
      .insertInto('advisories')
      .values({
        organisation_id: cert.id,
        owner_state_id: cert.state_id,
        document_key: documentKey,
        publisher_namespace: read.publisherNamespace,
        publisher_name: read.publisherName,
        tracking_id: read.trackingId,
        version: read.version,
        tracking_status: read.trackingStatus,
        initial_release_date: validDate(read.initialReleaseDate),
        current_release_date: validDate(read.currentReleaseDate),
        category: read.category,
        title: read.title,
        language: read.language,
        tlp_label: read.tlp.label,
        tlp_source: read.tlp.source,
        csaf_tlp_label: read.tlp.csafLabel,
        cves: read.cves,
        max_base_score: maxBaseScore,
        revision_history: JSON.stringify(read.revisionHistory),
        validation_warnings: JSON.stringify(read.warnings),
        content: read.bytes instanceof Buffer ? read.bytes : Buffer.from(read.bytes),
        size: read.bytes.byteLength,
        sha512: read.sha512,
        sha256: read.sha256,
        is_current: newer,
        named_recipient_user_ids: named,
        imported_by: actorUserId(ctx.actor),
        imported_by_label: actorLabel(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    flatCache.set(inserted.id, flat);
    let counts: MatchCounts = { confirmed: 0, probable: 0, review: 0, organisations: 0 };
    if (newer) {
      const index = await stateIndex(trx, cert);
      counts = await storeMatches(
        trx,
        { id: inserted.id, organisation_id: cert.id, document_key: documentKey },
        matchAdvisory(flat, index),
      );
    }
    await recordAudit(ctx, trx, {
      action: 'advisory.import',
      resourceType: 'advisory',
      resourceId: inserted.id,
      organisationId: cert.id,
      after: {
        documentKey,
        version: read.version,
        status: read.trackingStatus,
        sha512: read.sha512,
        tlp: read.tlp.label,
        current: newer,
        superseded: newer && current ? current.id : null,
        matches: counts,
      },
    });
    const record = await unsafeAdvisoryRecord(trx, inserted.id);
    return {
      created: true,
      current: newer,
      supersededId: newer && current ? current.id : null,
      matches: counts,
      advisory: presentAdvisory(record),
      warnings: read.warnings,
    };
  });
}

function validDate(text: string): string | null {
  return Number.isNaN(Date.parse(text)) ? null : text;
}

/** Internal: the row just written in this transaction (the importer supplied it). */
async function unsafeAdvisoryRecord(db: Executor, id: string): Promise<AdvisoryRecord> {
  return (await db
    .selectFrom('advisories')
    .select([...ADVISORY_COLUMNS])
    .where('advisories.id', '=', id)
    .executeTakeFirstOrThrow()) as AdvisoryRecord;
}

function summaryCounts(rows: Awaited<ReturnType<typeof matchSummary>>): MatchCounts {
  const counts: MatchCounts = { confirmed: 0, probable: 0, review: 0, organisations: 0 };
  for (const row of rows) counts[row.class] += row.matches;
  counts.organisations = rows.reduce((n, r) => Math.max(n, r.organisations), 0);
  return counts;
}

// --- re-matching -----------------------------------------------------------------------------------

/**
 * Re-matches every current advisory of the CERTs serving `organisationId` against that
 * Kommune's inventory as it is now in `trx`. Call it in the transaction that changed the
 * inventory. The caller must see the organisation's inventory (asset.read) or manage advisories.
 */
export async function rematchOrganisation(
  trx: Tx,
  ctx: RequestContext,
  organisationId: string,
): Promise<{ advisories: number; matches: MatchCounts }> {
  const [organisation] = await unsafeOrganisationInfo(trx, [organisationId]);
  if (
    !organisation ||
    !(
      scopeIncludes(scopeFor(ctx, 'asset.read'), organisation) ||
      scopeIncludes(scopeFor(ctx, 'advisory.manage'), organisation)
    )
  ) {
    throw notFound('Die Organisation');
  }
  inventoryGeneration++;
  const totals: MatchCounts = { confirmed: 0, probable: 0, review: 0, organisations: 0 };
  if (!organisation.state_id) return { advisories: 0, matches: totals };
  const advisories = await trx
    .selectFrom('advisories')
    .select(['id', 'organisation_id', 'document_key'])
    .where('is_current', '=', true)
    .where('owner_state_id', '=', organisation.state_id)
    .execute();
  const products = (
    await findInstalledProducts(trx, { all: false, organisationIds: [organisationId], subtreeRootIds: [] })
  ).map(toInstalled);
  const indexes = new Map<string, InventoryIndex>();
  for (const advisory of advisories) {
    let index = indexes.get(advisory.organisation_id);
    if (!index) {
      index = indexInventory(products, (await aliasTableOf(trx, advisory.organisation_id)).table);
      indexes.set(advisory.organisation_id, index);
    }
    const flat = await flatOf(trx, advisory.id);
    const counts = await storeMatches(trx, advisory, matchAdvisory(flat, index), organisationId);
    totals.confirmed += counts.confirmed;
    totals.probable += counts.probable;
    totals.review += counts.review;
    if (counts.organisations > 0) totals.organisations = 1;
  }
  await recordAudit(ctx, trx, {
    action: 'advisory.rematch-organisation',
    resourceType: 'organisation',
    resourceId: organisationId,
    organisationId,
    after: { advisories: advisories.length, matches: totals },
  });
  return { advisories: advisories.length, matches: totals };
}

/** Re-matches all current advisories of one CERT against its state's inventory (alias changes). */
async function rematchCert(trx: Tx, cert: OrganisationInfo): Promise<number> {
  const advisories = await trx
    .selectFrom('advisories')
    .select(['id', 'organisation_id', 'document_key'])
    .where('organisation_id', '=', cert.id)
    .where('is_current', '=', true)
    .execute();
  if (advisories.length === 0) return 0;
  const index = await stateIndex(trx, cert);
  for (const advisory of advisories) {
    await storeMatches(trx, advisory, matchAdvisory(await flatOf(trx, advisory.id), index));
  }
  return advisories.length;
}

// --- reading ---------------------------------------------------------------------------------------

async function checkedRead(row: AdvisoryRecord | undefined, recipient: TlpRecipient | null) {
  // defence in depth: the SQL condition and tlp.ts must agree
  if (row && !mayRead({ label: row.tlp_label, ...tlpContextOf(row) }, recipient)) return undefined;
  return row;
}

export interface ReadableAdvisory {
  record: AdvisoryRecord;
  /** The caller manages advisories of the owner (CERT, admin): matches are visible. */
  full: boolean;
}

/**
 * An advisory the caller may read: a CERT (advisory.read on the owner) with TLP clearance, or
 * anyone cleared by TLP who received it through a warning, or anyone cleared for CLEAR/GREEN.
 */
export async function loadReadableAdvisory(ctx: RequestContext, id: string): Promise<ReadableAdvisory> {
  const recipient = await tlpRecipientOf(ctx);
  const managed = await checkedRead(
    await findAdvisoryById(ctx.db, scopeFor(ctx, 'advisory.read'), recipient, id),
    recipient,
  );
  if (managed) return { record: managed, full: true };
  const row = await checkedRead(await findAdvisoryById(ctx.db, null, recipient, id), recipient);
  if (row) {
    const publicLabel = row.tlp_label === 'CLEAR' || row.tlp_label === 'GREEN';
    if (publicLabel || (await advisoryAddressedTo(ctx.db, scopeFor(ctx, 'warning.read'), id))) {
      return { record: row, full: false };
    }
  }
  throw notFound('Die Sicherheitsmeldung');
}

export async function getAdvisory(ctx: RequestContext, id: string) {
  const { record, full } = await loadReadableAdvisory(ctx, id);
  const dto = presentAdvisory(record);
  if (!full) return { ...dto, matchSummary: null, revisions: [] };
  const recipient = await tlpRecipientOf(ctx);
  const [summary, revisions] = await Promise.all([
    matchSummary(ctx.db, scopeFor(ctx, 'advisory.read'), id),
    findAdvisories(ctx.db, scopeFor(ctx, 'advisory.read'), recipient, {
      documentKey: record.document_key,
      limit: 500,
      offset: 0,
    }),
  ]);
  return {
    ...dto,
    matchSummary: summary.map((s) => ({
      class: s.class,
      reviewDecision: s.review_decision,
      matches: s.matches,
      organisations: s.organisations,
    })),
    revisions: revisions.rows
      .filter((r) => r.organisation_id === record.organisation_id)
      .map((r) => ({
        id: r.id,
        version: r.version,
        trackingStatus: r.tracking_status,
        isCurrent: r.is_current,
        importedAt: new Date(r.imported_at).toISOString(),
      })),
  };
}

export async function getAdvisoryDocument(ctx: RequestContext, id: string) {
  const { record } = await loadReadableAdvisory(ctx, id);
  return { record, bytes: await unsafeAdvisoryContent(ctx.db, id) };
}

export async function listAdvisories(ctx: RequestContext, filter: AdvisoryFilter) {
  const recipient = await tlpRecipientOf(ctx);
  const scope = scopeFor(ctx, 'advisory.read');
  const { rows, total } = await findAdvisories(ctx.db, scope, recipient, filter);
  const items = rows.filter((r) => mayRead({ label: r.tlp_label, ...tlpContextOf(r) }, recipient));
  return { items: items.map(presentAdvisory), total, limit: filter.limit, offset: filter.offset };
}

/** Current CLEAR and GREEN advisories (GREEN only for members of the community), metadata only. */
export async function listPublicAdvisories(ctx: RequestContext, filter: AdvisoryFilter) {
  const recipient = await tlpRecipientOf(ctx);
  const labels: TlpLabelColumn[] = ['CLEAR', 'GREEN'];
  const { rows, total } = await findAdvisories(ctx.db, null, recipient, { ...filter, current: true, labels });
  const items = rows.filter((r) => mayRead({ label: r.tlp_label, ...tlpContextOf(r) }, recipient));
  return { items: items.map(presentAdvisory), total, limit: filter.limit, offset: filter.offset };
}

export async function listMatches(ctx: RequestContext, filter: MatchFilter) {
  const recipient = await tlpRecipientOf(ctx);
  const scope = scopeFor(ctx, 'advisory.read');
  const { rows, total } = await findMatches(ctx.db, scope, scope, recipient, filter);
  return { items: rows.map(presentMatch), total, limit: filter.limit, offset: filter.offset };
}

// --- review queue ----------------------------------------------------------------------------------

export async function reviewMatch(ctx: RequestContext, matchId: string, input: ReviewInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const recipient = await tlpRecipientOf(ctx, trx);
    const scope = scopeFor(ctx, 'advisory.read');
    const row = await trx
      .selectFrom('advisory_matches')
      .innerJoin('advisories', 'advisories.id', 'advisory_matches.advisory_id')
      .select(['advisory_matches.id', 'advisory_matches.advisory_id', 'advisory_matches.class'])
      .where('advisory_matches.id', '=', matchId)
      .forUpdate('advisory_matches')
      .executeTakeFirst();
    const advisory = row ? await findAdvisoryById(trx, scope, recipient, row.advisory_id) : undefined;
    if (!row || !advisory || !(await checkedRead(advisory, recipient))) throw notFound('Der Treffer');
    const [owner] = await unsafeOrganisationInfo(trx, [advisory.organisation_id]);
    if (!owner || !scopeIncludes(scopeFor(ctx, 'advisory.manage'), owner)) throw new AppError('forbidden');
    if (row.class !== 'review') {
      throw new AppError('invalid-state-transition', {
        detail: 'Nur Treffer der Klasse „review“ werden geprüft.',
        extensions: { currentClass: row.class },
      });
    }
    await trx
      .updateTable('advisory_matches')
      .set({
        review_decision: input.decision,
        review_note: input.note ?? null,
        reviewed_by: actorUserId(ctx.actor),
        reviewed_at: new Date(),
      })
      .where('id', '=', matchId)
      .execute();
    const match = (
      await findMatches(trx, scope, scope, recipient, {
        advisoryId: row.advisory_id,
        limit: 100_000,
        offset: 0,
      })
    ).rows.find((m) => m.id === matchId);
    if (!match) throw notFound('Der Treffer');
    await recordAudit(ctx, trx, {
      action: 'advisory.match.review',
      resourceType: 'advisory_match',
      resourceId: matchId,
      organisationId: match.organisation_id,
      after: { decision: input.decision, note: input.note ?? null, advisoryId: row.advisory_id },
    });
    return presentMatch(match);
  });
}

// --- alias table -----------------------------------------------------------------------------------

function checkAliases(entries: AliasEntry[]): void {
  try {
    new AliasTable(entries);
  } catch (error) {
    throw new AppError('validation-failed', {
      detail: `Die Alias-Tabelle wäre widersprüchlich: ${(error as Error).message}`,
      errors: [{ pointer: '/body', message: (error as Error).message }],
    });
  }
}

const entryOf = (r: {
  alias_key: string;
  label: string | null;
  cpes: string[];
  purls: string[];
  names: string[];
}) => ({
  id: r.alias_key,
  ...(r.label ? { label: r.label } : {}),
  cpes: r.cpes,
  purls: r.purls,
  names: r.names,
});

export async function listAliases(ctx: RequestContext, organisationId?: string) {
  const rows = await findAliases(ctx.db, scopeFor(ctx, 'advisory.read'), organisationId);
  return { items: rows.map(presentAlias) };
}

export async function saveAlias(
  ctx: RequestContext,
  input: AliasInput & { organisationId?: string | undefined },
  aliasId?: string,
) {
  return ctx.db.transaction().execute(async (trx) => {
    let cert: OrganisationInfo;
    let before: Awaited<ReturnType<typeof findAliases>>[number] | undefined;
    if (aliasId) {
      before = (await findAliases(trx, scopeFor(ctx, 'advisory.read'))).find((a) => a.id === aliasId);
      if (!before) throw notFound('Der Alias');
      cert = await actingCert(ctx, trx, before.organisation_id);
    } else {
      cert = await actingCert(ctx, trx, input.organisationId);
    }
    const existing = await findAliases(trx, { all: false, organisationIds: [cert.id], subtreeRootIds: [] });
    const others = existing.filter((a) => a.id !== aliasId);
    if (others.some((a) => a.alias_key === input.key)) {
      throw new AppError('conflict', {
        detail: `Den Alias „${input.key}“ gibt es schon.`,
        errors: [{ pointer: '/body/key', message: 'schon vorhanden' }],
      });
    }
    const values = {
      alias_key: input.key,
      label: input.label ?? null,
      cpes: input.cpes ?? [],
      purls: input.purls ?? [],
      names: input.names ?? [],
    };
    checkAliases([...others.map(entryOf), entryOf(values)]);
    const saved = aliasId
      ? await trx
          .updateTable('advisory_aliases')
          .set({ ...values, updated_by: actorUserId(ctx.actor), updated_at: new Date() })
          .where('id', '=', aliasId)
          .returning('id')
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('advisory_aliases')
          .values({
            ...values,
            organisation_id: cert.id,
            created_by: actorUserId(ctx.actor),
            updated_by: actorUserId(ctx.actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
    const rematched = await rematchCert(trx, cert);
    await recordAudit(ctx, trx, {
      action: aliasId ? 'advisory.alias.update' : 'advisory.alias.create',
      resourceType: 'advisory_alias',
      resourceId: saved.id,
      organisationId: cert.id,
      before: before ? entryOf(before) : null,
      after: { ...entryOf(values), rematchedAdvisories: rematched },
    });
    const row = (await findAliases(trx, { all: false, organisationIds: [cert.id], subtreeRootIds: [] })).find(
      (a) => a.id === saved.id,
    );
    return { ...presentAlias(row as NonNullable<typeof row>), rematchedAdvisories: rematched };
  });
}

export async function deleteAlias(ctx: RequestContext, aliasId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await findAliases(trx, scopeFor(ctx, 'advisory.read'))).find((a) => a.id === aliasId);
    if (!before) throw notFound('Der Alias');
    const cert = await actingCert(ctx, trx, before.organisation_id);
    await trx.deleteFrom('advisory_aliases').where('id', '=', aliasId).execute();
    const rematched = await rematchCert(trx, cert);
    await recordAudit(ctx, trx, {
      action: 'advisory.alias.delete',
      resourceType: 'advisory_alias',
      resourceId: aliasId,
      organisationId: cert.id,
      before: entryOf(before),
      after: { rematchedAdvisories: rematched },
    });
  });
}
