/**
 * SQL of the advisories domain. Queries on tenant rows take a `Scope` and put it into the WHERE
 * clause (`organisationInScope`); labelled rows are additionally filtered by `tlpVisible`, which
 * states in SQL what platform/tlp/tlp.ts decides (the service re-checks every row with `mayRead`).
 * Helpers that skip scoping on purpose are named `unsafe…`.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB, TlpLabelColumn } from '../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { TlpRecipient } from '../../platform/tlp/tlp.ts';

/**
 * The TLP rules of tlp.ts `decideTlp` as a WHERE condition over a row with the columns
 * `tlp_label`, `organisation_id` (owner), `owner_state_id`, `shared_with` and `named`.
 */
export function tlpVisible(
  recipient: TlpRecipient | null,
  columns: {
    label: Expression<string>;
    owner: Expression<string>;
    ownerState: Expression<string | null>;
    shared: Expression<string[]>;
    named: Expression<string[]>;
  },
): Expression<SqlBool> {
  const { label, owner, ownerState, shared, named } = columns;
  if (!recipient) return sql<SqlBool>`${label} = 'CLEAR'`;
  const memberships = recipient.memberships;
  const ownOrgs = memberships.map((m) => m.organisationId);
  const parts = [sql<SqlBool>`${label} = 'CLEAR'`];
  if (memberships.length > 0) {
    parts.push(sql<SqlBool>`${label} = 'GREEN'`);
    parts.push(sql<SqlBool>`(${label} in ('AMBER', 'AMBER+STRICT') and ${owner} = any(${ownOrgs}::uuid[]))`);
    for (const m of memberships) {
      if (!m.stateId) continue;
      const covering = [m.organisationId, ...(m.ancestorIds ?? [])];
      parts.push(
        sql<SqlBool>`(${label} = 'AMBER' and ${ownerState} = ${m.stateId}::uuid and ${shared} && ${covering}::uuid[])`,
      );
    }
  }
  parts.push(sql<SqlBool>`(${label} = 'RED' and ${recipient.userId}::uuid = any(${named}))`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

// --- advisories ------------------------------------------------------------------------------------

export const ADVISORY_COLUMNS = [
  'advisories.id',
  'advisories.organisation_id',
  'advisories.owner_state_id',
  'advisories.document_key',
  'advisories.publisher_namespace',
  'advisories.publisher_name',
  'advisories.tracking_id',
  'advisories.version',
  'advisories.tracking_status',
  'advisories.initial_release_date',
  'advisories.current_release_date',
  'advisories.category',
  'advisories.title',
  'advisories.language',
  'advisories.tlp_label',
  'advisories.tlp_source',
  'advisories.csaf_tlp_label',
  'advisories.cves',
  'advisories.max_base_score',
  'advisories.revision_history',
  'advisories.validation_warnings',
  'advisories.size',
  'advisories.sha512',
  'advisories.sha256',
  'advisories.is_current',
  'advisories.shared_with_organisation_ids',
  'advisories.named_recipient_user_ids',
  'advisories.imported_by_label',
  'advisories.imported_at',
  'advisories.matched_at',
] as const;

export interface AdvisoryRecord {
  id: string;
  organisation_id: string;
  owner_state_id: string | null;
  document_key: string;
  publisher_namespace: string;
  publisher_name: string;
  tracking_id: string;
  version: string;
  tracking_status: 'draft' | 'interim' | 'final';
  initial_release_date: Date | string | null;
  current_release_date: Date | string | null;
  category: string;
  title: string;
  language: string | null;
  tlp_label: TlpLabelColumn;
  tlp_source: 'document' | 'distribution-text' | 'default';
  csaf_tlp_label: string | null;
  cves: string[];
  max_base_score: number | null;
  revision_history: unknown[];
  validation_warnings: unknown[];
  size: number;
  sha512: string;
  sha256: string;
  is_current: boolean;
  shared_with_organisation_ids: string[];
  named_recipient_user_ids: string[];
  imported_by_label: string;
  imported_at: Date;
  matched_at: Date | null;
}

const advisoryTlp = (eb: ExpressionBuilder<DB, 'advisories'>, recipient: TlpRecipient | null) =>
  tlpVisible(recipient, {
    label: eb.ref('advisories.tlp_label'),
    owner: eb.ref('advisories.organisation_id'),
    ownerState: eb.ref('advisories.owner_state_id'),
    shared: eb.ref('advisories.shared_with_organisation_ids'),
    named: eb.ref('advisories.named_recipient_user_ids'),
  });

export interface AdvisoryFilter {
  current?: boolean;
  documentKey?: string;
  q?: string;
  tlp?: TlpLabelColumn;
  labels?: readonly TlpLabelColumn[];
  limit: number;
  offset: number;
}

/** Advisories owned by organisations in `scope` (null: any owner) that `recipient` may read. */
export async function findAdvisories(
  db: Executor,
  scope: Scope | null,
  recipient: TlpRecipient | null,
  filter: AdvisoryFilter,
): Promise<{ rows: AdvisoryRecord[]; total: number }> {
  let query = db
    .selectFrom('advisories')
    .where((eb) => advisoryTlp(eb, recipient))
    .$if(scope !== null, (q) =>
      q.where((eb) => organisationInScope(eb, eb.ref('advisories.organisation_id'), scope as Scope)),
    );
  if (filter.current !== undefined) query = query.where('advisories.is_current', '=', filter.current);
  if (filter.documentKey) query = query.where('advisories.document_key', '=', filter.documentKey);
  if (filter.tlp) query = query.where('advisories.tlp_label', '=', filter.tlp);
  if (filter.labels) query = query.where('advisories.tlp_label', 'in', [...filter.labels]);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([
        eb('advisories.title', 'ilike', like),
        eb('advisories.tracking_id', 'ilike', like),
        sql<SqlBool>`exists (select 1 from unnest(advisories.cves) c where c ilike ${like})`,
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([...ADVISORY_COLUMNS])
      .orderBy('advisories.current_release_date', 'desc')
      .orderBy('advisories.imported_at', 'desc')
      .orderBy('advisories.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as AdvisoryRecord[], total: Number(count.total) };
}

/** One advisory by id, owner in `scope` (null: any owner), readable by `recipient` under TLP. */
export async function findAdvisoryById(
  db: Executor,
  scope: Scope | null,
  recipient: TlpRecipient | null,
  id: string,
): Promise<AdvisoryRecord | undefined> {
  return (await db
    .selectFrom('advisories')
    .select([...ADVISORY_COLUMNS])
    .where('advisories.id', '=', id)
    .where((eb) => advisoryTlp(eb, recipient))
    .$if(scope !== null, (q) =>
      q.where((eb) => organisationInScope(eb, eb.ref('advisories.organisation_id'), scope as Scope)),
    )
    .executeTakeFirst()) as AdvisoryRecord | undefined;
}

/** Whether a warning about the advisory is addressed to an organisation in `scope`. */
export async function advisoryAddressedTo(db: Executor, scope: Scope, advisoryId: string): Promise<boolean> {
  const row = await db
    .selectFrom('warning_recipients')
    .innerJoin('warnings', 'warnings.id', 'warning_recipients.warning_id')
    .select('warning_recipients.id')
    .where('warnings.advisory_id', '=', advisoryId)
    .where((eb) => organisationInScope(eb, eb.ref('warning_recipients.organisation_id'), scope))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A bytea value as a hex text parameter decoded by the database. The embedded database's driver
 * turns a Uint8Array parameter into hex one byte at a time (about 40 ms for a 200 KB advisory);
 * Buffer's native hex encoding does it in well under a millisecond, on PostgreSQL just as well.
 */
export const byteaParam = (bytes: Uint8Array) =>
  sql<Uint8Array>`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}, 'hex')`;

/** Reading bytea back: the same in the other direction. */
const byteaColumn = sql<string>`encode(content, 'hex')`;

/** The stored bytes of an advisory the caller was already allowed to read. */
export async function unsafeAdvisoryContent(db: Executor, id: string): Promise<Uint8Array> {
  const row = await db
    .selectFrom('advisories')
    .select(byteaColumn.as('hex'))
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.hex, 'hex');
}

/** The stored bytes of several advisories (re-matching: the caller chose them). */
export async function unsafeAdvisoryContents(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; content: Uint8Array }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('advisories')
    .select(['id', byteaColumn.as('hex')])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ id: r.id, content: Buffer.from(r.hex, 'hex') }));
}

// --- organisations ---------------------------------------------------------------------------------

export interface OrganisationInfo {
  id: string;
  type: string;
  name: string;
  ars: string | null;
  parent_id: string | null;
  ancestor_ids: string[];
  state_id: string | null;
}

const stateOf = sql<
  string | null
>`(select s.id from organisations s where s.type = 'state' and (s.id = organisations.id or s.id = any(organisations.ancestor_ids)) limit 1)`;

/** Organisations with their state (for TLP decisions); unscoped: callers pass ids they hold. */
export async function unsafeOrganisationInfo(
  db: Executor,
  ids: readonly string[],
): Promise<OrganisationInfo[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'type', 'name', 'ars', 'parent_id', 'ancestor_ids', stateOf.as('state_id')])
    .where('id', 'in', [...ids])
    .execute();
}

/** Kommunen (districts and municipalities) in `scope`, optionally only below/at `rootId`. */
export async function findKommunen(db: Executor, scope: Scope, rootId?: string): Promise<OrganisationInfo[]> {
  return db
    .selectFrom('organisations')
    .select(['id', 'type', 'name', 'ars', 'parent_id', 'ancestor_ids', stateOf.as('state_id')])
    .where('type', 'in', ['district', 'municipality'])
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope))
    .$if(rootId !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('organisations.id', '=', rootId as string),
          sql<SqlBool>`${rootId}::uuid = any(organisations.ancestor_ids)`,
        ]),
      ),
    )
    .orderBy('name')
    .execute();
}

// --- inventory -------------------------------------------------------------------------------------

export interface InventoryRow {
  id: string;
  organisation_id: string;
  vendor: string | null;
  product: string;
  version: string | null;
  cpe: string | null;
  purl: string | null;
}

/** Installed products of the organisations in `scope` (optionally one organisation). */
export async function findInstalledProducts(
  db: Executor,
  scope: Scope,
  organisationId?: string,
): Promise<InventoryRow[]> {
  return db
    .selectFrom('installed_products')
    .select(['id', 'organisation_id', 'vendor', 'product', 'version', 'cpe', 'purl'])
    .where((eb) => organisationInScope(eb, eb.ref('installed_products.organisation_id'), scope))
    .$if(organisationId !== undefined, (q) => q.where('organisation_id', '=', organisationId as string))
    .execute();
}

/**
 * A cheap stamp of the inventory in `scope` and of the CERT's alias table, in one query: row counts
 * and newest created/updated times. Adding or removing a product or alias changes a count or a
 * newest time, editing one the newest updated_at; together with the generation counter that
 * `rematchOrganisation` bumps on every inventory change it tells a cached index from a stale one.
 */
export async function indexStamp(db: Executor, scope: Scope, certId: string): Promise<string> {
  const row = await db
    .selectFrom('installed_products')
    .select(
      sql<string>`count(*)::text || ':' || coalesce(max(greatest(installed_products.created_at, installed_products.updated_at))::text, '') || '#' ||
        (select count(*)::text || ':' || coalesce(max(a.updated_at)::text, '') from advisory_aliases a where a.organisation_id = ${certId})`.as(
        'stamp',
      ),
    )
    .where((eb) => organisationInScope(eb, eb.ref('installed_products.organisation_id'), scope))
    .executeTakeFirstOrThrow();
  return row.stamp;
}

// --- matches ---------------------------------------------------------------------------------------

export interface MatchRecord {
  id: string;
  advisory_id: string;
  organisation_id: string;
  organisation_name: string;
  installed_product_id: string;
  vendor: string | null;
  product: string;
  product_id: string;
  class: 'confirmed' | 'probable' | 'review';
  basis: string;
  reasons: string[];
  installed_version: string | null;
  advisory_version: string | null;
  cves: string[];
  max_base_score: number | null;
  review_decision: 'confirmed' | 'dismissed' | null;
  review_note: string | null;
  reviewed_at: Date | null;
  matched_at: Date;
}

export interface MatchFilter {
  advisoryId?: string;
  organisationId?: string;
  class?: 'confirmed' | 'probable' | 'review';
  /** Only review matches without a decision, on current advisories. */
  reviewQueue?: boolean;
  limit: number;
  offset: number;
}

/** Matches on Kommunen in `scope` of advisories whose owner is in `advisoryScope`, TLP-readable. */
export async function findMatches(
  db: Executor,
  scope: Scope,
  advisoryScope: Scope,
  recipient: TlpRecipient | null,
  filter: MatchFilter,
): Promise<{ rows: MatchRecord[]; total: number }> {
  let query = db
    .selectFrom('advisory_matches')
    .innerJoin('advisories', 'advisories.id', 'advisory_matches.advisory_id')
    .innerJoin('organisations', 'organisations.id', 'advisory_matches.organisation_id')
    .innerJoin('installed_products', 'installed_products.id', 'advisory_matches.installed_product_id')
    .where((eb) => organisationInScope(eb, eb.ref('advisory_matches.organisation_id'), scope))
    .where((eb) => organisationInScope(eb, eb.ref('advisories.organisation_id'), advisoryScope))
    .where((eb) => advisoryTlp(eb, recipient));
  if (filter.advisoryId) query = query.where('advisory_matches.advisory_id', '=', filter.advisoryId);
  if (filter.organisationId)
    query = query.where('advisory_matches.organisation_id', '=', filter.organisationId);
  if (filter.class) query = query.where('advisory_matches.class', '=', filter.class);
  if (filter.reviewQueue) {
    query = query
      .where('advisory_matches.class', '=', 'review')
      .where('advisory_matches.review_decision', 'is', null)
      .where('advisories.is_current', '=', true);
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'advisory_matches.id',
        'advisory_matches.advisory_id',
        'advisory_matches.organisation_id',
        'organisations.name as organisation_name',
        'advisory_matches.installed_product_id',
        'installed_products.vendor',
        'installed_products.product',
        'advisory_matches.product_id',
        'advisory_matches.class',
        'advisory_matches.basis',
        'advisory_matches.reasons',
        'advisory_matches.installed_version',
        'advisory_matches.advisory_version',
        'advisory_matches.cves',
        'advisory_matches.max_base_score',
        'advisory_matches.review_decision',
        'advisory_matches.review_note',
        'advisory_matches.reviewed_at',
        'advisory_matches.matched_at',
      ])
      .orderBy('organisations.name')
      .orderBy('installed_products.product')
      .orderBy('advisory_matches.product_id')
      .orderBy('advisory_matches.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as MatchRecord[], total: Number(count.total) };
}

export interface MatchSummaryRow {
  class: 'confirmed' | 'probable' | 'review';
  review_decision: 'confirmed' | 'dismissed' | null;
  matches: number;
  organisations: number;
}

export async function matchSummary(
  db: Executor,
  scope: Scope,
  advisoryId: string,
): Promise<MatchSummaryRow[]> {
  const rows = await db
    .selectFrom('advisory_matches')
    .select([
      'class',
      'review_decision',
      (eb) => eb.fn.countAll<number>().as('matches'),
      sql<number>`count(distinct organisation_id)`.as('organisations'),
    ])
    .where('advisory_id', '=', advisoryId)
    .where((eb) => organisationInScope(eb, eb.ref('advisory_matches.organisation_id'), scope))
    .groupBy(['class', 'review_decision'])
    .execute();
  return rows.map((r) => ({ ...r, matches: Number(r.matches), organisations: Number(r.organisations) }));
}

export interface MatchRow {
  /** The advisory the match belongs to after the write. */
  advisory_id: string;
  organisation_id: string;
  installed_product_id: string;
  product_id: string;
  class: 'confirmed' | 'probable' | 'review';
  basis: string;
  reasons: string[];
  installed_version: string | null;
  advisory_version: string | null;
  cves: string[];
  max_base_score: number | null;
}

export interface MatchMove {
  /** Where the matches are now: the same advisory (re-match), the superseded revision, or null. */
  source: string | null;
  /** The advisory whose complete match set `rows` are (all rows with this advisory_id). */
  target: string;
}

/**
 * Makes the stored matches of every `move.target` equal to its rows, starting from the rows of
 * `move.source`, in one statement: rows of a pair that no longer matches are deleted, rows whose
 * pair still matches are moved to the target and updated only where something changed, new pairs
 * are inserted. So match ids stay stable and a re-match that finds the same writes nothing; the
 * CERT's decision on a pair survives while the pair is still a review match.
 * `onlyOrganisationId`: the rows are that Kommune's only; others' stored matches stay untouched.
 * Unscoped: the caller decided which advisories and Kommunen it acts on.
 */
export async function unsafeWriteMatches(
  trx: Executor,
  moves: readonly MatchMove[],
  rows: readonly MatchRow[],
  onlyOrganisationId: string | null = null,
): Promise<void> {
  if (moves.length === 0) return;
  // jsonb_to_recordset: one parameter for any number of rows (a multi-row VALUES list would bind
  // 11 parameters per row, which the embedded database serialises one by one)
  await sql`
    with moves as (
      select * from unnest(${moves.map((m) => m.source)}::uuid[], ${moves.map((m) => m.target)}::uuid[]) as s (source, target)
    ),
    incoming as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i (
        advisory_id uuid, organisation_id uuid, installed_product_id uuid, product_id text, class text,
        basis text, reasons text[], installed_version text, advisory_version text, cves text[],
        max_base_score double precision)
    ),
    gone as (
      delete from advisory_matches m using moves s
      where m.advisory_id = s.source
        and (${onlyOrganisationId}::uuid is null or m.organisation_id = ${onlyOrganisationId}::uuid)
        and not exists (select 1 from incoming i where i.advisory_id = s.target
          and i.installed_product_id = m.installed_product_id and i.product_id = m.product_id)
    ),
    kept as (
      update advisory_matches m set
        advisory_id = i.advisory_id, organisation_id = i.organisation_id, class = i.class, basis = i.basis,
        reasons = i.reasons, installed_version = i.installed_version, advisory_version = i.advisory_version,
        cves = i.cves, max_base_score = i.max_base_score,
        -- a decision is about a review match: kept while it stays one, dropped otherwise
        review_decision = case when i.class = 'review' then m.review_decision end,
        review_note = case when i.class = 'review' then m.review_note end,
        reviewed_by = case when i.class = 'review' then m.reviewed_by end,
        reviewed_at = case when i.class = 'review' then m.reviewed_at end,
        matched_at = now()
      from incoming i join moves s on s.target = i.advisory_id
      where m.advisory_id = s.source
        and m.installed_product_id = i.installed_product_id and m.product_id = i.product_id
        and (s.source <> s.target
          or (m.organisation_id, m.class, m.basis, m.reasons, m.installed_version, m.advisory_version, m.cves, m.max_base_score)
            is distinct from
             (i.organisation_id, i.class, i.basis, i.reasons, i.installed_version, i.advisory_version, i.cves, i.max_base_score))
    )
    insert into advisory_matches (advisory_id, organisation_id, installed_product_id, product_id, class, basis,
      reasons, installed_version, advisory_version, cves, max_base_score)
    select i.advisory_id, i.organisation_id, i.installed_product_id, i.product_id, i.class, i.basis,
      i.reasons, i.installed_version, i.advisory_version, i.cves, i.max_base_score
    from incoming i join moves s on s.target = i.advisory_id
    where not exists (select 1 from advisory_matches m where m.advisory_id = s.source
      and m.installed_product_id = i.installed_product_id and m.product_id = i.product_id)
  `.execute(trx);
}

// --- aliases ---------------------------------------------------------------------------------------

export interface AliasRecord {
  id: string;
  organisation_id: string;
  alias_key: string;
  label: string | null;
  cpes: string[];
  purls: string[];
  names: string[];
  updated_at: Date;
}

export async function findAliases(db: Executor, scope: Scope, ownerId?: string): Promise<AliasRecord[]> {
  return db
    .selectFrom('advisory_aliases')
    .select(['id', 'organisation_id', 'alias_key', 'label', 'cpes', 'purls', 'names', 'updated_at'])
    .where((eb) => organisationInScope(eb, eb.ref('advisory_aliases.organisation_id'), scope))
    .$if(ownerId !== undefined, (q) => q.where('organisation_id', '=', ownerId as string))
    .orderBy('alias_key')
    .execute();
}

// --- warnings --------------------------------------------------------------------------------------

export interface WarningRecord {
  id: string;
  organisation_id: string;
  owner_state_id: string | null;
  advisory_id: string;
  document_key: string;
  title: string;
  message: string | null;
  tlp_label: TlpLabelColumn;
  audience: Record<string, unknown>;
  recipient_organisation_ids: string[];
  named_recipient_user_ids: string[];
  published_by_label: string;
  published_at: Date;
}

const WARNING_COLUMNS = [
  'warnings.id',
  'warnings.organisation_id',
  'warnings.owner_state_id',
  'warnings.advisory_id',
  'warnings.document_key',
  'warnings.title',
  'warnings.message',
  'warnings.tlp_label',
  'warnings.audience',
  'warnings.recipient_organisation_ids',
  'warnings.named_recipient_user_ids',
  'warnings.published_by_label',
  'warnings.published_at',
] as const;

const warningTlp = (eb: ExpressionBuilder<DB, 'warnings'>, recipient: TlpRecipient | null) =>
  tlpVisible(recipient, {
    label: eb.ref('warnings.tlp_label'),
    owner: eb.ref('warnings.organisation_id'),
    ownerState: eb.ref('warnings.owner_state_id'),
    shared: eb.ref('warnings.recipient_organisation_ids'),
    named: eb.ref('warnings.named_recipient_user_ids'),
  });

/** Published by an organisation in scope, or addressed to one. */
const warningInScope = (eb: ExpressionBuilder<DB, 'warnings'>, scope: Scope) =>
  eb.or([
    organisationInScope(eb, eb.ref('warnings.organisation_id'), scope),
    eb.exists(
      eb
        .selectFrom('warning_recipients')
        .select('warning_recipients.id')
        .whereRef('warning_recipients.warning_id', '=', 'warnings.id')
        .where((inner) => organisationInScope(inner, inner.ref('warning_recipients.organisation_id'), scope)),
    ),
  ]);

export interface WarningFilter {
  advisoryId?: string;
  organisationId?: string;
  open?: boolean;
  limit: number;
  offset: number;
}

export async function findWarnings(
  db: Executor,
  scope: Scope,
  recipient: TlpRecipient | null,
  filter: WarningFilter,
): Promise<{ rows: WarningRecord[]; total: number }> {
  let query = db
    .selectFrom('warnings')
    .where((eb) => warningInScope(eb, scope))
    .where((eb) => warningTlp(eb, recipient));
  if (filter.advisoryId) query = query.where('warnings.advisory_id', '=', filter.advisoryId);
  if (filter.organisationId) {
    const organisationId = filter.organisationId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('warning_recipients')
          .select('warning_recipients.id')
          .whereRef('warning_recipients.warning_id', '=', 'warnings.id')
          .where('warning_recipients.organisation_id', '=', organisationId)
          .where((inner) =>
            organisationInScope(inner, inner.ref('warning_recipients.organisation_id'), scope),
          )
          .$if(filter.open === true, (q) => q.where('warning_recipients.acknowledged_at', 'is', null)),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([...WARNING_COLUMNS])
      .orderBy('warnings.published_at', 'desc')
      .orderBy('warnings.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as WarningRecord[], total: Number(count.total) };
}

export async function findWarningById(
  db: Executor,
  scope: Scope,
  recipient: TlpRecipient | null,
  id: string,
): Promise<WarningRecord | undefined> {
  return (await db
    .selectFrom('warnings')
    .select([...WARNING_COLUMNS])
    .where('warnings.id', '=', id)
    .where((eb) => warningInScope(eb, scope))
    .where((eb) => warningTlp(eb, recipient))
    .executeTakeFirst()) as WarningRecord | undefined;
}

export interface RecipientRecord {
  id: string;
  warning_id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_ars: string | null;
  organisation_ancestor_ids: string[];
  acknowledged_at: Date | null;
  status: 'affected' | 'not_affected' | 'mitigated' | null;
  note: string | null;
  responded_at: Date | null;
  revision: number;
}

/** Recipient rows of warnings on organisations in `scope`. */
export async function findRecipients(
  db: Executor,
  scope: Scope,
  warningIds: readonly string[],
  lock = false,
): Promise<RecipientRecord[]> {
  if (warningIds.length === 0) return [];
  let query = db
    .selectFrom('warning_recipients')
    .innerJoin('organisations', 'organisations.id', 'warning_recipients.organisation_id')
    .select([
      'warning_recipients.id',
      'warning_recipients.warning_id',
      'warning_recipients.organisation_id',
      'organisations.name as organisation_name',
      'organisations.ars as organisation_ars',
      'organisations.ancestor_ids as organisation_ancestor_ids',
      'warning_recipients.acknowledged_at',
      'warning_recipients.status',
      'warning_recipients.note',
      'warning_recipients.responded_at',
      'warning_recipients.revision',
    ])
    .where('warning_recipients.warning_id', 'in', [...warningIds])
    .where((eb) => organisationInScope(eb, eb.ref('warning_recipients.organisation_id'), scope))
    .orderBy('organisations.name');
  if (lock) query = query.forUpdate('warning_recipients');
  return (await query.execute()) as RecipientRecord[];
}

export async function findResponses(db: Executor, scope: Scope, warningId: string, organisationId: string) {
  return db
    .selectFrom('warning_responses')
    .select(['revision', 'status', 'note', 'responded_by_label', 'responded_at'])
    .where('warning_id', '=', warningId)
    .where('organisation_id', '=', organisationId)
    .where((eb) => organisationInScope(eb, eb.ref('warning_responses.organisation_id'), scope))
    .orderBy('revision')
    .execute();
}

export async function findDistributionLog(db: Executor, scope: Scope, warningId: string) {
  return db
    .selectFrom('warning_distribution_log')
    .select([
      'id',
      'warning_id',
      'advisory_id',
      'owner_organisation_id',
      'organisation_id',
      'user_id',
      'channel',
      'recipient',
      'tlp_label',
      'basis',
      'event',
      'detail',
      'occurred_at',
    ])
    .where('warning_id', '=', warningId)
    .where((eb) => organisationInScope(eb, eb.ref('warning_distribution_log.owner_organisation_id'), scope))
    .orderBy('id')
    .execute();
}
