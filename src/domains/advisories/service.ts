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
  byteaParam,
  findAdvisories,
  findAdvisoryById,
  findAliases,
  findInstalledProducts,
  findMatches,
  type InventoryRow,
  indexStamp,
  type MatchFilter,
  type MatchMove,
  type MatchRow,
  matchSummary,
  type OrganisationInfo,
  unsafeAdvisoryContent,
  unsafeAdvisoryContents,
  unsafeOrganisationInfo,
  unsafeWriteMatches,
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

/** Flattened forms of several advisories; the uncached ones' contents are read in one query. */
async function flatsOf(db: Executor, ids: readonly string[]): Promise<Map<string, FlatAdvisory>> {
  const missing = ids.filter((id) => !flatCache.has(id));
  const contents = new Map<string, Uint8Array>();
  for (let i = 0; i < missing.length; i += 200) {
    for (const row of await unsafeAdvisoryContents(db, missing.slice(i, i + 200))) {
      contents.set(row.id, row.content);
    }
  }
  const flats = new Map<string, FlatAdvisory>();
  for (const id of ids) {
    const content = contents.get(id);
    flats.set(id, await flatOf(db, id, content ? JSON.parse(new TextDecoder().decode(content)) : undefined));
  }
  return flats;
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

async function aliasTableOf(db: Executor, certId: string): Promise<AliasTable> {
  const rows = await findAliases(db, { all: false, organisationIds: [certId], subtreeRootIds: [] });
  const entries: AliasEntry[] = rows.map((r) => ({
    id: r.alias_key,
    ...(r.label ? { label: r.label } : {}),
    cpes: r.cpes,
    purls: r.purls,
    names: r.names,
  }));
  return new AliasTable(entries);
}

/** The state's inventory indexed with the CERT's aliases; one small query when nothing changed. */
async function stateIndex(db: Executor, cert: OrganisationInfo): Promise<InventoryIndex> {
  const scope = servedScope(cert);
  const key = `${inventoryGeneration}#${await indexStamp(db, scope, cert.id)}`;
  const cached = indexCache.get(cert.id);
  if (cached && cached.key === key) return cached.index;
  const [products, aliases] = await Promise.all([
    findInstalledProducts(db, scope),
    aliasTableOf(db, cert.id),
  ]);
  const index = indexInventory(products.map(toInstalled), aliases);
  indexCache.set(cert.id, { key, index });
  return index;
}

// --- storing matches -------------------------------------------------------------------------------

/** Rows per match statement: several advisories' matches go into one, split only between advisories. */
const MATCH_ROWS_PER_STATEMENT = 20_000;

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

const stored = (matches: readonly AdvisoryMatch[]) => matches.filter((m) => m.class !== 'suppressed');

const matchRow = (advisoryId: string, m: AdvisoryMatch): MatchRow => ({
  advisory_id: advisoryId,
  organisation_id: m.organisationId,
  installed_product_id: m.installedProductId,
  product_id: m.productId,
  class: m.class as MatchRow['class'],
  basis: m.basis,
  reasons: m.reasons,
  installed_version: m.installedVersion,
  advisory_version: m.advisoryVersion,
  cves: m.cves,
  max_base_score: m.maxBaseScore,
});

interface PendingMatches extends MatchMove {
  /** Stored matches only (no suppressed ones). */
  matches: readonly AdvisoryMatch[];
}

/**
 * Writes the match sets of several advisories in as few statements as their size allows (see
 * `unsafeWriteMatches`: only changes are written), and stamps `matched_at` unless told not to.
 */
async function writeMatchSets(
  trx: Tx,
  pending: readonly PendingMatches[],
  onlyOrganisationId: string | null = null,
  stamp = true,
): Promise<void> {
  let moves: MatchMove[] = [];
  let rows: MatchRow[] = [];
  const flush = async () => {
    await unsafeWriteMatches(trx, moves, rows, onlyOrganisationId);
    moves = [];
    rows = [];
  };
  for (const set of pending) {
    if (moves.length > 0 && rows.length + set.matches.length > MATCH_ROWS_PER_STATEMENT) await flush();
    moves.push({ source: set.source, target: set.target });
    for (const m of set.matches) rows.push(matchRow(set.target, m));
  }
  await flush();
  if (stamp && pending.length > 0) {
    await trx
      .updateTable('advisories')
      .set({ matched_at: new Date() })
      .where(
        'id',
        'in',
        pending.map((p) => p.target),
      )
      .execute();
  }
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

/** One document of a bulk import: its result, or why it was refused (nothing of it was stored). */
export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; error: AppError };

const LOCK_NAMESPACE = 7_403_200;
/** The database's limit on `document_key` (migrations/20261123220000_advisories.sql). */
const MAX_DOCUMENT_KEY = 1200;
/**
 * Advisories written per transaction in a bulk import. On the embedded database one transaction
 * holds the only session: a chunk keeps other requests waiting for about a second at most.
 */
const WRITE_CHUNK = 100;

/** A document read, validated and flattened (CPU work done before any database session). */
interface Prepared {
  position: number;
  read: CsafRead;
  documentKey: string;
  named: string[];
  flat: FlatAdvisory;
  maxBaseScore: number | null;
  /** Matched against `matchedWith`, stored ones only. */
  matches?: readonly AdvisoryMatch[];
  matchedWith?: InventoryIndex;
}

interface CurrentRevision {
  id: string;
  version: string;
  tracking_status: 'draft' | 'interim' | 'final';
  current_release_date: Date | string | null;
}

const isNewer = (read: CsafRead, current: CurrentRevision | undefined) =>
  !current ||
  compareCsafRevisions(read, {
    version: current.version,
    trackingStatus: current.tracking_status,
    currentReleaseDate: current.current_release_date
      ? new Date(current.current_release_date).toISOString()
      : '',
  }) > 0;

async function prepareDocument(
  ctx: RequestContext,
  bytes: Uint8Array,
  position: number,
  options: ImportOptions,
): Promise<Prepared> {
  const read = await readCsafUpload(bytes, options.maxBytes);
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
  const documentKey = csafDocumentKey(read);
  if (documentKey.length > MAX_DOCUMENT_KEY) {
    throw new AppError('validation-failed', {
      detail: `Namensraum des Herausgebers und Tracking-ID sind zusammen länger als ${MAX_DOCUMENT_KEY} Zeichen.`,
      errors: [{ pointer: '/body/document/tracking/id', message: 'zu lang' }],
    });
  }
  const flat = flattenCsaf(read.document);
  const maxBaseScore = flat.vulnerabilities.reduce<number | null>(
    (max, v) => (v.maxBaseScore === null ? max : Math.max(max ?? 0, v.maxBaseScore)),
    null,
  );
  return { position, read, documentKey, named, flat, maxBaseScore };
}

function matchesOf(item: Prepared, index: InventoryIndex): readonly AdvisoryMatch[] {
  if (item.matchedWith !== index || !item.matches) {
    item.matches = stored(matchAdvisory(item.flat, index));
    item.matchedWith = index;
  }
  return item.matches;
}

async function existingBySha(db: Executor, certId: string, items: readonly Prepared[]) {
  const rows = await db
    .selectFrom('advisories')
    .select(['id', 'sha512'])
    .where('organisation_id', '=', certId)
    .where(
      'sha512',
      'in',
      items.map((i) => i.read.sha512),
    )
    .execute();
  return new Map(rows.map((r) => [r.sha512, r.id]));
}

async function currentRevisions(db: Executor, certId: string, items: readonly Prepared[], lock: boolean) {
  const rows = await db
    .selectFrom('advisories')
    .select(['id', 'document_key', 'version', 'tracking_status', 'current_release_date'])
    .where('organisation_id', '=', certId)
    .where('is_current', '=', true)
    .where('document_key', 'in', [...new Set(items.map((i) => i.documentKey))])
    .$if(lock, (q) => q.forUpdate())
    .execute();
  return new Map<string, CurrentRevision>(rows.map((r) => [r.document_key, r]));
}

/**
 * Imports CSAF documents for one CERT: each is read, validated, flattened and matched before any
 * database session is taken; the writes then go in chunks of `WRITE_CHUNK` documents per
 * transaction, the matches of a chunk in a few set-based statements. Every document is all or
 * nothing: an invalid one is reported and stores nothing; should a chunk fail in the database, its
 * documents are written again one per transaction, so only the failing one is refused.
 * Revisions of one document are applied in the order given.
 */
export async function importAdvisories(
  ctx: RequestContext,
  documents: readonly Uint8Array[],
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const cert = await actingCert(ctx, ctx.db, options.organisationId);
  const outcomes: ImportOutcome[] = new Array(documents.length);
  const prepared: Prepared[] = [];
  for (const [position, bytes] of documents.entries()) {
    try {
      prepared.push(await prepareDocument(ctx, bytes, position, options));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes[position] = { ok: false, error };
    }
  }
  if (prepared.length === 0) return outcomes;

  // matching is CPU work too: done now for the documents that will likely become current
  // (checked again under the lock, where a change in between only costs a second matching)
  let index = await stateIndex(ctx.db, cert);
  const known = await existingBySha(ctx.db, cert.id, prepared);
  const currents = await currentRevisions(ctx.db, cert.id, prepared, false);
  const seen = new Set(known.keys());
  const likelyCurrent = new Map<string, CsafRead>();
  for (const item of prepared) {
    if (seen.has(item.read.sha512)) continue;
    seen.add(item.read.sha512);
    const before = likelyCurrent.get(item.documentKey);
    const newer = before
      ? compareCsafRevisions(item.read, before) > 0
      : isNewer(item.read, currents.get(item.documentKey));
    if (newer) {
      likelyCurrent.set(item.documentKey, item.read);
      matchesOf(item, index);
    }
  }

  for (let start = 0; start < prepared.length; start += WRITE_CHUNK) {
    const chunk = prepared.slice(start, start + WRITE_CHUNK);
    try {
      const results = await ctx.db.transaction().execute(async (trx) => {
        index = await stateIndex(trx, cert);
        return writeChunk(ctx, trx, cert, chunk, index);
      });
      for (const [i, item] of chunk.entries()) {
        outcomes[item.position] = { ok: true, result: results[i] as ImportResult };
      }
    } catch (error) {
      if (chunk.length === 1) {
        if (!(error instanceof AppError)) throw error;
        outcomes[(chunk[0] as Prepared).position] = { ok: false, error };
        continue;
      }
      // the chunk is rolled back whole; one transaction each tells the failing document apart
      for (const item of chunk) {
        try {
          const [result] = await ctx.db.transaction().execute(async (trx) => {
            index = await stateIndex(trx, cert);
            return writeChunk(ctx, trx, cert, [item], index);
          });
          outcomes[item.position] = { ok: true, result: result as ImportResult };
        } catch (single) {
          outcomes[item.position] = {
            ok: false,
            error:
              single instanceof AppError
                ? single
                : new AppError('internal', {
                    detail: 'Das CSAF-Dokument konnte nicht gespeichert werden.',
                    cause: single,
                  }),
          };
        }
      }
    }
  }
  return outcomes;
}

/** Writes the documents of one chunk in `trx`; results in the order of `chunk`. */
async function writeChunk(
  ctx: RequestContext,
  trx: Tx,
  cert: OrganisationInfo,
  chunk: readonly Prepared[],
  index: InventoryIndex,
): Promise<ImportResult[]> {
  // revisions of one document arrive one after the other, whatever the number of importers;
  // the locks are taken in one order so that two bulk imports cannot deadlock
  const lockKeys = [...new Set(chunk.map((i) => `${cert.id}#${i.documentKey}`))];
  await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, h) from (select distinct hashtext(k) as h from unnest(${lockKeys}::text[]) as k order by 1) as locks`.execute(
    trx,
  );
  const known = await existingBySha(trx, cert.id, chunk);
  const currents = await currentRevisions(trx, cert.id, chunk, true);
  /** Per document key: which stored advisory holds its matches now, and what the newest revision brings. */
  const pending = new Map<string, PendingMatches>();
  const created = new Map<string, { record: AdvisoryRecord; result: ImportResult }>();
  const results: ImportResult[] = [];
  for (const item of chunk) {
    const { read, documentKey } = item;
    const sameId = known.get(read.sha512);
    if (sameId) {
      const earlier = created.get(sameId);
      if (earlier) {
        results.push({ ...earlier.result, created: false, supersededId: null, warnings: read.warnings });
        continue;
      }
      const record = await unsafeAdvisoryRecord(trx, sameId);
      results.push({
        created: false,
        current: record.is_current,
        supersededId: null,
        matches: summaryCounts(await matchSummary(trx, servedScope(cert), record.id)),
        advisory: presentAdvisory(record),
        warnings: read.warnings,
      });
      continue;
    }
    const current = currents.get(documentKey);
    const newer = isNewer(read, current);
    if (newer && current) {
      await trx.updateTable('advisories').set({ is_current: false }).where('id', '=', current.id).execute();
      const superseded = created.get(current.id);
      if (superseded) superseded.record.is_current = false;
    }
    const record = (await trx
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
        max_base_score: item.maxBaseScore,
        revision_history: JSON.stringify(read.revisionHistory),
        validation_warnings: JSON.stringify(read.warnings),
        content: byteaParam(read.bytes),
        size: read.bytes.byteLength,
        sha512: read.sha512,
        sha256: read.sha256,
        is_current: newer,
        named_recipient_user_ids: item.named,
        imported_by: actorUserId(ctx.actor),
        imported_by_label: actorLabel(ctx.actor),
        matched_at: newer ? new Date() : null,
      })
      .returning([...ADVISORY_COLUMNS])
      .executeTakeFirstOrThrow()) as AdvisoryRecord;
    flatCache.set(record.id, item.flat);
    let counts: MatchCounts = { confirmed: 0, probable: 0, review: 0, organisations: 0 };
    if (newer) {
      const matches = matchesOf(item, index);
      counts = countMatches(matches);
      const before = pending.get(documentKey);
      // a later revision in the same chunk takes over from the stored one, as if written in turn
      pending.set(documentKey, {
        source: before ? before.source : (current?.id ?? null),
        target: record.id,
        matches,
      });
      currents.set(documentKey, record);
    }
    known.set(read.sha512, record.id);
    await recordAudit(ctx, trx, {
      action: 'advisory.import',
      resourceType: 'advisory',
      resourceId: record.id,
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
    const result: ImportResult = {
      created: true,
      current: newer,
      supersededId: newer && current ? current.id : null,
      matches: counts,
      advisory: presentAdvisory(record),
      warnings: read.warnings,
    };
    created.set(record.id, { record, result });
    results.push(result);
  }
  // matched_at was written with each new row
  await writeMatchSets(trx, [...pending.values()], null, false);
  // a revision superseded later in the same chunk is reported as it ends up
  return results.map((r) => {
    const entry = created.get(r.advisory.id);
    return entry && r.created && !entry.record.is_current
      ? { ...r, current: false, advisory: presentAdvisory(entry.record) }
      : r;
  });
}

/** One document: `importAdvisories` with a single entry, its refusal thrown. */
export async function importAdvisory(
  ctx: RequestContext,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const [outcome] = await importAdvisories(ctx, [bytes], options);
  if (!outcome) throw new AppError('internal');
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

function validDate(text: string): string | null {
  return Number.isNaN(Date.parse(text)) ? null : text;
}

/** Internal: an advisory row the importer already identified (by its own hash). */
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
    .select(['id', 'organisation_id'])
    .where('is_current', '=', true)
    .where('owner_state_id', '=', organisation.state_id)
    .execute();
  const products = (
    await findInstalledProducts(trx, { all: false, organisationIds: [organisationId], subtreeRootIds: [] })
  ).map(toInstalled);
  const indexes = new Map<string, InventoryIndex>();
  const flats = await flatsOf(
    trx,
    advisories.map((a) => a.id),
  );
  const pending: PendingMatches[] = [];
  for (const advisory of advisories) {
    let index = indexes.get(advisory.organisation_id);
    if (!index) {
      index = indexInventory(products, await aliasTableOf(trx, advisory.organisation_id));
      indexes.set(advisory.organisation_id, index);
    }
    const matches = stored(matchAdvisory(flats.get(advisory.id) as FlatAdvisory, index));
    pending.push({ source: advisory.id, target: advisory.id, matches });
    const counts = countMatches(matches);
    totals.confirmed += counts.confirmed;
    totals.probable += counts.probable;
    totals.review += counts.review;
    if (counts.organisations > 0) totals.organisations = 1;
  }
  await writeMatchSets(trx, pending, organisationId);
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
    .select('id')
    .where('organisation_id', '=', cert.id)
    .where('is_current', '=', true)
    .execute();
  if (advisories.length === 0) return 0;
  const index = await stateIndex(trx, cert);
  const flats = await flatsOf(
    trx,
    advisories.map((a) => a.id),
  );
  await writeMatchSets(
    trx,
    advisories.map((a) => ({
      source: a.id,
      target: a.id,
      matches: stored(matchAdvisory(flats.get(a.id) as FlatAdvisory, index)),
    })),
  );
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
 * `db`: the caller's transaction when it holds one (the embedded database has one session).
 */
export async function loadReadableAdvisory(
  ctx: RequestContext,
  id: string,
  db: Executor = ctx.db,
): Promise<ReadableAdvisory> {
  const recipient = await tlpRecipientOf(ctx, db);
  const managed = await checkedRead(
    await findAdvisoryById(db, scopeFor(ctx, 'advisory.read'), recipient, id),
    recipient,
  );
  if (managed) return { record: managed, full: true };
  const row = await checkedRead(await findAdvisoryById(db, null, recipient, id), recipient);
  if (row) {
    const publicLabel = row.tlp_label === 'CLEAR' || row.tlp_label === 'GREEN';
    if (publicLabel || (await advisoryAddressedTo(db, scopeFor(ctx, 'warning.read'), id))) {
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
