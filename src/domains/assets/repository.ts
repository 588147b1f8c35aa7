/**
 * SQL of the asset inventory and scan authorisations. Every query on tenant rows takes the
 * caller's `Scope` and puts it into its WHERE clause on the row's own organisation_id; the
 * `unsafe…` helpers serve background work (scans) that acts for one named organisation.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type {
  AssetKind,
  AssetRow,
  DomainVerificationRow,
  InstalledProductRow,
  ScanAuthorisationRow,
} from '../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { AssetListFilter, InstalledProductListFilter } from './schemas.ts';

type WithAncestors<T> = T & { organisation_ancestor_ids: string[] };
export type AssetRecord = WithAncestors<AssetRow>;
export type InstalledProductRecord = WithAncestors<InstalledProductRow>;
export type AuthorisationRecord = WithAncestors<ScanAuthorisationRow>;
export type VerificationRecord = WithAncestors<DomainVerificationRow>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Serialises inventory writes of one organisation (unique keys are checked before inserting). */
export async function lockInventory(db: Executor, organisationId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`assets:${organisationId}`}))`.execute(db);
}

// --- assets ----------------------------------------------------------------------------------------

function assetsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('assets')
    .innerJoin('organisations', 'organisations.id', 'assets.organisation_id')
    .where((eb) => organisationInScope(eb, eb.ref('assets.organisation_id'), scope));
}

const selectAsset = (query: ReturnType<typeof assetsInScope>) =>
  query.selectAll('assets').select('organisations.ancestor_ids as organisation_ancestor_ids');

export async function findAssets(
  db: Executor,
  scope: Scope,
  organisationId: string,
  filter: Partial<AssetListFilter> & { limit: number; offset: number },
): Promise<{ rows: AssetRecord[]; total: number }> {
  let query = assetsInScope(db, scope).where('assets.organisation_id', '=', organisationId);
  if (filter.kind) query = query.where('assets.kind', '=', filter.kind);
  if (filter.q) query = query.where('assets.name', 'like', `%${escapeLike(filter.q.toLowerCase())}%`);
  if (filter.parentId) query = query.where('assets.parent_id', '=', filter.parentId);
  if (filter.port) query = query.where('assets.port', '=', filter.port);
  if (filter.protocol) query = query.where('assets.protocol', '=', filter.protocol);
  const [rows, count] = await Promise.all([
    selectAsset(query)
      .orderBy('assets.name')
      .orderBy(sql`array_position(array['domain','host','service'], assets.kind)`)
      .orderBy('assets.port')
      .orderBy('assets.protocol')
      .orderBy('assets.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function findAssetById(
  db: Executor,
  scope: Scope,
  id: string,
  lock = false,
): Promise<AssetRecord | undefined> {
  let query = selectAsset(assetsInScope(db, scope).where('assets.id', '=', id));
  if (lock) query = query.forUpdate('assets');
  return query.executeTakeFirst();
}

export interface AssetKey {
  kind: AssetKind;
  name: string;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
}

export function findAssetByKey(
  db: Executor,
  scope: Scope,
  organisationId: string,
  key: AssetKey,
): Promise<AssetRecord | undefined> {
  return selectAsset(
    assetsInScope(db, scope)
      .where('assets.organisation_id', '=', organisationId)
      .where('assets.kind', '=', key.kind)
      .where('assets.name', '=', key.name)
      .where((eb) => (key.port === null ? eb('assets.port', 'is', null) : eb('assets.port', '=', key.port)))
      .where((eb) =>
        key.protocol === null ? eb('assets.protocol', 'is', null) : eb('assets.protocol', '=', key.protocol),
      ),
  ).executeTakeFirst();
}

/** The whole inventory of one organisation (imports compare against it). */
export function findAllAssets(db: Executor, scope: Scope, organisationId: string): Promise<AssetRecord[]> {
  return selectAsset(assetsInScope(db, scope).where('assets.organisation_id', '=', organisationId))
    .orderBy('assets.id')
    .execute();
}

/** Domains of the organisation that contain `name`, longest first. */
export function findEnclosingDomains(
  db: Executor,
  scope: Scope,
  organisationId: string,
  name: string,
): Promise<AssetRecord[]> {
  return selectAsset(
    assetsInScope(db, scope)
      .where('assets.organisation_id', '=', organisationId)
      .where('assets.kind', '=', 'domain')
      .where((eb) =>
        eb.or([eb('assets.name', '=', name), eb(eb.val(name), 'like', sql<string>`'%.' || assets.name`)]),
      ),
  )
    .orderBy(sql`length(assets.name)`, 'desc')
    .execute();
}

export async function countAssetSubtree(
  db: Executor,
  id: string,
): Promise<{ assets: number; products: number }> {
  const result = await sql<{ assets: number; products: number }>`
    with recursive tree as (
      select id from assets where id = ${id}
      union all
      select a.id from assets a join tree t on a.parent_id = t.id where a.kind = 'service'
    )
    select (select count(*)::int from tree) as assets,
           (select count(*)::int from installed_products p where p.asset_id in (select id from tree)) as products`.execute(
    db,
  );
  return result.rows[0] ?? { assets: 0, products: 0 };
}

// --- installed products ----------------------------------------------------------------------------

function productsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('installed_products')
    .innerJoin('organisations', 'organisations.id', 'installed_products.organisation_id')
    .where((eb) => organisationInScope(eb, eb.ref('installed_products.organisation_id'), scope));
}

const selectProduct = (query: ReturnType<typeof productsInScope>) =>
  query.selectAll('installed_products').select('organisations.ancestor_ids as organisation_ancestor_ids');

export async function findInstalledProducts(
  db: Executor,
  scope: Scope,
  organisationId: string,
  filter: Partial<InstalledProductListFilter> & { limit: number; offset: number },
): Promise<{ rows: InstalledProductRecord[]; total: number }> {
  let query = productsInScope(db, scope).where('installed_products.organisation_id', '=', organisationId);
  if (filter.assetId) query = query.where('installed_products.asset_id', '=', filter.assetId);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('installed_products.product', 'ilike', pattern),
        eb('installed_products.vendor', 'ilike', pattern),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    selectProduct(query)
      .orderBy('installed_products.vendor')
      .orderBy('installed_products.product')
      .orderBy('installed_products.version')
      .orderBy('installed_products.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findInstalledProductById(
  db: Executor,
  scope: Scope,
  id: string,
  lock = false,
): Promise<InstalledProductRecord | undefined> {
  let query = selectProduct(productsInScope(db, scope).where('installed_products.id', '=', id));
  if (lock) query = query.forUpdate('installed_products');
  return query.executeTakeFirst();
}

export interface ProductKey {
  assetId: string | null;
  vendor: string | null;
  product: string;
  version: string | null;
}

export function findAllInstalledProducts(
  db: Executor,
  scope: Scope,
  organisationId: string,
): Promise<InstalledProductRecord[]> {
  return selectProduct(
    productsInScope(db, scope).where('installed_products.organisation_id', '=', organisationId),
  ).execute();
}

export function findInstalledProductByKey(
  db: Executor,
  scope: Scope,
  organisationId: string,
  key: ProductKey,
): Promise<InstalledProductRecord | undefined> {
  const nullable = <
    C extends 'installed_products.asset_id' | 'installed_products.vendor' | 'installed_products.version',
  >(
    column: C,
    value: string | null,
  ) =>
    value === null ? sql<boolean>`${sql.ref(column)} is null` : sql<boolean>`${sql.ref(column)} = ${value}`;
  return selectProduct(
    productsInScope(db, scope)
      .where('installed_products.organisation_id', '=', organisationId)
      .where('installed_products.product', '=', key.product)
      .where(nullable('installed_products.asset_id', key.assetId))
      .where(nullable('installed_products.vendor', key.vendor))
      .where(nullable('installed_products.version', key.version)),
  ).executeTakeFirst();
}

// --- authorisations --------------------------------------------------------------------------------

function authorisationsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('scan_authorisations')
    .innerJoin('organisations', 'organisations.id', 'scan_authorisations.organisation_id')
    .where((eb) => organisationInScope(eb, eb.ref('scan_authorisations.organisation_id'), scope))
    .selectAll('scan_authorisations')
    .select('organisations.ancestor_ids as organisation_ancestor_ids');
}

export function findAuthorisations(
  db: Executor,
  scope: Scope,
  organisationId: string,
  status: 'active' | 'expired' | 'revoked' | 'all',
  now: Date,
): Promise<AuthorisationRecord[]> {
  let query = authorisationsInScope(db, scope).where(
    'scan_authorisations.organisation_id',
    '=',
    organisationId,
  );
  if (status === 'revoked') query = query.where('scan_authorisations.revoked_at', 'is not', null);
  if (status === 'active' || status === 'expired') {
    query = query
      .where('scan_authorisations.revoked_at', 'is', null)
      .where('scan_authorisations.expires_at', status === 'active' ? '>' : '<=', now);
  }
  return query.orderBy('scan_authorisations.granted_at', 'desc').orderBy('scan_authorisations.id').execute();
}

export function findAuthorisationById(
  db: Executor,
  scope: Scope,
  id: string,
  lock = false,
): Promise<AuthorisationRecord | undefined> {
  let query = authorisationsInScope(db, scope).where('scan_authorisations.id', '=', id);
  if (lock) query = query.forUpdate('scan_authorisations');
  return query.executeTakeFirst();
}

/** A canonical host name (IP text or lower-case DNS name) as the scan engine asks about it. */
export interface HostQuery {
  name: string;
  ip: boolean;
  port?: number | undefined;
}

/**
 * Unscoped on purpose: the scan engine asks for the organisation that owns the scan. Returns the
 * organisation's authorisations active at `now` that may cover the host (the caller decides).
 */
export function unsafeFindActiveAuthorisations(
  db: Executor,
  organisationId: string,
  now: Date,
  host: HostQuery,
): Promise<ScanAuthorisationRow[]> {
  return db
    .selectFrom('scan_authorisations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .where('granted_at', '<=', now)
    .where('expires_at', '>', now)
    .where((eb) =>
      host.ip
        ? eb.or([
            eb.and([eb('kind', 'in', ['ip', 'host']), eb('target', '=', host.name)]),
            // CASE keeps the cast away from rows that are not ranges.
            sql<boolean>`case when kind = 'cidr' then target::cidr >>= ${host.name}::inet else false end`,
          ])
        : eb.or([
            eb.and([eb('kind', 'in', ['host', 'domain']), eb('target', '=', host.name)]),
            eb.and([eb('kind', '=', 'domain'), eb(eb.val(host.name), 'like', sql<string>`'%.' || target`)]),
          ]),
    )
    .where((eb) =>
      host.port === undefined
        ? eb('ports', 'is', null)
        : eb.or([eb('ports', 'is', null), sql<boolean>`${host.port}::int = any(ports)`]),
    )
    .orderBy('expires_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Unscoped on purpose (scan engine): verifications of the organisation valid at `now` for a DNS name. */
export function unsafeFindValidVerifications(
  db: Executor,
  organisationId: string,
  now: Date,
  name: string,
): Promise<DomainVerificationRow[]> {
  return db
    .selectFrom('domain_verifications')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .where('valid_until', '>', now)
    .where((eb) => eb.or([eb('domain', '=', name), eb(eb.val(name), 'like', sql<string>`'%.' || domain`)]))
    .orderBy('valid_until', 'desc')
    .orderBy('id')
    .execute();
}

// --- DNS verifications -----------------------------------------------------------------------------

function verificationsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('domain_verifications')
    .innerJoin('organisations', 'organisations.id', 'domain_verifications.organisation_id')
    .where((eb) => organisationInScope(eb, eb.ref('domain_verifications.organisation_id'), scope))
    .selectAll('domain_verifications')
    .select('organisations.ancestor_ids as organisation_ancestor_ids');
}

export function findVerifications(
  db: Executor,
  scope: Scope,
  organisationId: string,
  options: { includeRevoked: boolean; domain?: string },
): Promise<VerificationRecord[]> {
  let query = verificationsInScope(db, scope).where(
    'domain_verifications.organisation_id',
    '=',
    organisationId,
  );
  if (!options.includeRevoked) query = query.where('domain_verifications.revoked_at', 'is', null);
  if (options.domain) query = query.where('domain_verifications.domain', '=', options.domain);
  return query
    .orderBy('domain_verifications.domain')
    .orderBy('domain_verifications.requested_at', 'desc')
    .execute();
}

export function findVerificationById(
  db: Executor,
  scope: Scope,
  id: string,
  lock = false,
): Promise<VerificationRecord | undefined> {
  let query = verificationsInScope(db, scope).where('domain_verifications.id', '=', id);
  if (lock) query = query.forUpdate('domain_verifications');
  return query.executeTakeFirst();
}

// --- history ---------------------------------------------------------------------------------------

/** Audit entries of one resource of the organisation, oldest first. */
export function findAuditHistory(
  db: Executor,
  organisationId: string,
  resourceType: string,
  resourceId: string,
) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'actor_label', 'occurred_at', 'before', 'after'])
    .where('organisation_id', '=', organisationId)
    .where('resource_type', '=', resourceType)
    .where('resource_id', '=', resourceId)
    .orderBy('id')
    .execute();
}
