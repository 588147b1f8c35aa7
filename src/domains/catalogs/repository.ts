/**
 * Catalog queries. Catalogs are programme-wide reference data, not tenant-owned: there is no
 * organisation column and no Scope to put into the WHERE clause. Who may read or import is
 * decided in the service (`catalog.read` / `catalog.manage`, policy.ts).
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type {
  CatalogGroupRow,
  CatalogRequirementRow,
  CatalogRow,
  CatalogSource,
  MeasureTemplateRow,
} from '../../platform/db/schema.ts';
import type { CatalogRows, StoredCatalogMetadata } from './rows.ts';
import type { CatalogListFilter } from './schemas.ts';

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Rows per INSERT statement: stays far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 250;

export async function findCatalogs(
  db: Executor,
  filter: CatalogListFilter,
): Promise<{ rows: CatalogRow[]; total: number }> {
  let query = db.selectFrom('catalogs');
  if (filter.source) query = query.where('source', '=', filter.source);
  if (filter.key) query = query.where('key', '=', filter.key);
  if (filter.q) query = query.where('title', 'ilike', escapeLike(filter.q));
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('key')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findCatalogById(db: Executor, id: string): Promise<CatalogRow | undefined> {
  return db.selectFrom('catalogs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCatalogByKeyVersion(
  db: Executor,
  key: string,
  version: string,
): Promise<CatalogRow | undefined> {
  return db
    .selectFrom('catalogs')
    .selectAll()
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function findGroups(db: Executor, catalogId: string): Promise<CatalogGroupRow[]> {
  return db
    .selectFrom('catalog_groups')
    .selectAll()
    .where('catalog_id', '=', catalogId)
    .orderBy('ordinal')
    .execute();
}

/** Requirement counts per group (nested controls included). */
export async function countRequirementsByGroup(
  db: Executor,
  catalogId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('catalog_requirements')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('catalog_id', '=', catalogId)
    .where('group_id', 'is not', null)
    .groupBy('group_id')
    .execute();
  return new Map(rows.map((r) => [r.group_id as string, Number(r.n)]));
}

export interface RequirementQuery {
  groupIds?: string[];
  level?: CatalogRequirementRow['level'];
  q?: string;
  limit?: number;
  offset?: number;
}

type RequirementColumns = Omit<CatalogRequirementRow, 'data'>;

const REQUIREMENT_COLUMNS = [
  'id',
  'catalog_id',
  'group_id',
  'parent_id',
  'requirement_key',
  'position',
  'ordinal',
  'depth',
  'title',
  'title_en',
  'statement',
  'statement_en',
  'guidance',
  'guidance_en',
  'level',
  'level_raw',
  'effort',
  'effort_raw',
  'modal_verb',
  'references',
] as const;

/** Requirements of a catalog in document order (without the OSCAL `data`). */
export async function findRequirements(
  db: Executor,
  catalogId: string,
  filter: RequirementQuery = {},
): Promise<{ rows: RequirementColumns[]; total: number }> {
  let query = db.selectFrom('catalog_requirements').where('catalog_id', '=', catalogId);
  if (filter.groupIds) {
    if (filter.groupIds.length === 0) return { rows: [], total: 0 };
    query = query.where('group_id', 'in', filter.groupIds);
  }
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.q) {
    const pattern = escapeLike(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb('requirement_key', 'ilike', pattern),
        eb('title', 'ilike', pattern),
        eb('title_en', 'ilike', pattern),
      ]),
    );
  }
  let page = query.select(REQUIREMENT_COLUMNS).orderBy('ordinal');
  if (filter.limit !== undefined) page = page.limit(filter.limit);
  if (filter.offset !== undefined) page = page.offset(filter.offset);
  const [rows, count] = await Promise.all([
    page.execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findMeasureTemplates(db: Executor, requirementIds: string[]): Promise<MeasureTemplateRow[]> {
  if (requirementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('measure_templates')
    .selectAll()
    .where('requirement_id', 'in', requirementIds)
    .orderBy('requirement_id')
    .orderBy('position')
    .execute();
}

export function findMeasureTemplatesOfCatalog(
  db: Executor,
  catalogId: string,
): Promise<MeasureTemplateRow[]> {
  return db
    .selectFrom('measure_templates')
    .selectAll()
    .where('catalog_id', '=', catalogId)
    .orderBy('position')
    .execute();
}

/** What the OSCAL export needs: the tree structure and the stored OSCAL JSON of each node. */
export async function findExportRows(db: Executor, catalogId: string) {
  const [groups, requirements] = await Promise.all([
    db
      .selectFrom('catalog_groups')
      .select(['id', 'parent_id', 'position', 'data'])
      .where('catalog_id', '=', catalogId)
      .execute(),
    db
      .selectFrom('catalog_requirements')
      .select(['id', 'group_id', 'parent_id', 'position', 'data'])
      .where('catalog_id', '=', catalogId)
      .execute(),
  ]);
  return { groups, requirements };
}

export interface NewCatalog {
  key: string;
  version: string;
  title: string;
  titleEn: string | null;
  source: CatalogSource;
  oscalUuid: string | null;
  metadata: StoredCatalogMetadata;
  createdBy: string | null;
}

/** Inserts a catalog with all its rows (the caller's transaction makes it all-or-nothing). */
export async function insertCatalog(
  db: Executor,
  catalog: NewCatalog,
  rows: CatalogRows,
): Promise<CatalogRow> {
  const row = await db
    .insertInto('catalogs')
    .values({
      key: catalog.key,
      version: catalog.version,
      title: catalog.title,
      title_en: catalog.titleEn,
      source: catalog.source,
      oscal_uuid: catalog.oscalUuid,
      metadata: JSON.stringify(catalog.metadata),
      group_count: rows.groups.length,
      requirement_count: rows.requirements.length,
      created_by: catalog.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (let i = 0; i < rows.groups.length; i += CHUNK) {
    await db
      .insertInto('catalog_groups')
      .values(
        rows.groups
          .slice(i, i + CHUNK)
          .map((g) => ({ ...g, catalog_id: row.id, data: JSON.stringify(g.data) })),
      )
      .execute();
  }
  for (let i = 0; i < rows.requirements.length; i += CHUNK) {
    await db
      .insertInto('catalog_requirements')
      .values(
        rows.requirements.slice(i, i + CHUNK).map((r) => ({
          ...r,
          catalog_id: row.id,
          references: JSON.stringify(r.references),
          data: JSON.stringify(r.data),
        })),
      )
      .execute();
  }
  for (let i = 0; i < rows.measureTemplates.length; i += CHUNK) {
    await db
      .insertInto('measure_templates')
      .values(rows.measureTemplates.slice(i, i + CHUNK).map((m) => ({ ...m, catalog_id: row.id })))
      .execute();
  }
  return row;
}

export interface NewCrossReference {
  source_catalog: string;
  source_id: string;
  target_catalog: string;
  target_id: string;
  relationship: string;
  data: Record<string, unknown>;
}

export async function crossReferenceCollectionExists(
  db: Executor,
  collectionKey: string,
  collectionUuid: string | null,
  version: string,
): Promise<boolean> {
  const hit = await db
    .selectFrom('catalog_cross_references')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('collection_key', '=', collectionKey),
          eb(sql<string>`data->>'collectionVersion'`, '=', version),
        ]),
        ...(collectionUuid ? [eb('collection_uuid', '=', collectionUuid)] : []),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}

export async function insertCrossReferences(
  db: Executor,
  collectionKey: string,
  collectionUuid: string | null,
  refs: readonly NewCrossReference[],
): Promise<void> {
  for (let i = 0; i < refs.length; i += CHUNK) {
    await db
      .insertInto('catalog_cross_references')
      .values(
        refs.slice(i, i + CHUNK).map((r) => ({
          ...r,
          collection_key: collectionKey,
          collection_uuid: collectionUuid,
          data: JSON.stringify(r.data),
        })),
      )
      .execute();
  }
}

/** A catalog by id, or by key (`key` = newest version, `key@version` = that version). */
export async function findCatalogByReference(
  db: Executor,
  reference: string,
): Promise<CatalogRow | undefined> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference)) {
    return findCatalogById(db, reference);
  }
  const at = reference.indexOf('@');
  if (at > 0) return findCatalogByKeyVersion(db, reference.slice(0, at), reference.slice(at + 1));
  return db
    .selectFrom('catalogs')
    .selectAll()
    .where('key', '=', reference)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
