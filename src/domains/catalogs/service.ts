/**
 * Catalogs: programme-wide, versioned reference data (Bastei-Basis and OSCAL imports). Every
 * signed-in role reads them (`catalog.read`, global); only admins import (`catalog.manage`).
 *
 * An import parses and validates the whole document (and, for a profile, resolves it against the
 * documents passed `with` it) before anything is written, then stores the catalog, its groups,
 * requirements and measure templates in one audited transaction: a failure leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorUserId, type RequestContext } from '../../platform/context.ts';
import type { CatalogRow, CatalogSource as CatalogSourceKind } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertAnyPermission, assertPermitted } from '../../platform/policy/policy.ts';
import { basteiBasis } from './baseline/bastei-basis.ts';
import { BASELINE_KEY, baselineCatalogModel } from './baseline-oscal.ts';
import {
  type CatalogModel,
  type CatalogSource,
  exportOscalCatalog,
  type ImportResolver,
  type MappingCollectionModel,
  type OscalCatalogDocument,
  OscalImportError,
  type OscalImportResult,
  type OscalWarning,
  type ProfileModel,
  parseOscalDocument,
  resolveProfile,
  type SchemaConfig,
} from './oscal/index.ts';
import { type Lang, presentCatalog, presentGroup, presentRequirement } from './presenter.ts';
import {
  countRequirementsByGroup,
  crossReferenceCollectionExists,
  findCatalogById,
  findCatalogByKeyVersion,
  findCatalogs,
  findExportRows,
  findGroups,
  findMeasureTemplates,
  findMeasureTemplatesOfCatalog,
  findRequirements,
  insertCatalog,
  insertCrossReferences,
  type NewCrossReference,
} from './repository.ts';
import {
  BASTEI_NS,
  catalogModelFromRows,
  catalogRows,
  type StoredCatalogMetadata,
  storedMetadata,
} from './rows.ts';
import type { CatalogListFilter, ImportResultDto, RequirementListFilter } from './schemas.ts';

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export async function listCatalogs(ctx: RequestContext, filter: CatalogListFilter) {
  assertAnyPermission(ctx, 'catalog.read');
  const { rows, total } = await findCatalogs(ctx.db, filter);
  return { items: rows.map(presentCatalog), total, limit: filter.limit, offset: filter.offset };
}

async function requireCatalog(ctx: RequestContext, id: string) {
  assertAnyPermission(ctx, 'catalog.read');
  const row = await findCatalogById(ctx.db, id);
  if (!row) throw notFound('Der Katalog');
  return row;
}

/** The catalog with its group tree (flat, pre-order, parentId) and all requirements. */
export async function getCatalog(ctx: RequestContext, id: string, lang: Lang = 'de') {
  const catalog = await requireCatalog(ctx, id);
  const [groups, counts, { rows }] = await Promise.all([
    findGroups(ctx.db, id),
    countRequirementsByGroup(ctx.db, id),
    findRequirements(ctx.db, id),
  ]);
  const templates = await templatesByRequirement(
    ctx,
    rows.map((r) => r.id),
  );
  const depth = new Map<string, number>();
  for (const g of groups) depth.set(g.id, g.parent_id ? (depth.get(g.parent_id) ?? 0) + 1 : 0);
  return {
    ...presentCatalog(catalog),
    lang,
    groups: groups.map((g) => presentGroup(g, depth.get(g.id) ?? 0, counts.get(g.id) ?? 0, lang)),
    requirements: rows.map((r) => presentRequirement(r, templates.get(r.id) ?? [], lang)),
  };
}

async function templatesByRequirement(ctx: RequestContext, requirementIds: string[]) {
  const out = new Map<string, Awaited<ReturnType<typeof findMeasureTemplates>>>();
  for (let i = 0; i < requirementIds.length; i += 1000) {
    for (const t of await findMeasureTemplates(ctx.db, requirementIds.slice(i, i + 1000))) {
      const list = out.get(t.requirement_id) ?? [];
      list.push(t);
      out.set(t.requirement_id, list);
    }
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Requirements of a catalog, paginated; `group` (id or key) includes its sub-groups. */
export async function listRequirements(ctx: RequestContext, id: string, filter: RequirementListFilter) {
  await requireCatalog(ctx, id);
  let groupIds: string[] | undefined;
  if (filter.group !== undefined) {
    const groups = await findGroups(ctx.db, id);
    const root = groups.find((g) =>
      UUID.test(filter.group!) ? g.id === filter.group : g.group_key === filter.group,
    );
    if (!root) throw notFound('Die Gruppe');
    const keep = new Set([root.id]);
    // pre-order: every descendant comes after its parent
    for (const g of groups) if (g.parent_id && keep.has(g.parent_id)) keep.add(g.id);
    groupIds = [...keep];
  }
  const { rows, total } = await findRequirements(ctx.db, id, {
    ...(groupIds ? { groupIds } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.q ? { q: filter.q } : {}),
    limit: filter.limit,
    offset: filter.offset,
  });
  const templates = await templatesByRequirement(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentRequirement(r, templates.get(r.id) ?? [], filter.lang)),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

/** The catalog as an OSCAL 1.1.3 catalog document, and a file name for it. */
export async function exportCatalog(
  ctx: RequestContext,
  id: string,
): Promise<{ filename: string; document: OscalCatalogDocument }> {
  const catalog = await requireCatalog(ctx, id);
  const { groups, requirements } = await findExportRows(ctx.db, id);
  const model = catalogModelFromRows(
    catalog.oscal_uuid,
    catalog.metadata as unknown as StoredCatalogMetadata,
    groups,
    requirements,
  );
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return {
    filename: `${safe(catalog.key)}_${safe(catalog.version)}.oscal.json`,
    document: exportOscalCatalog(model),
  };
}

// ---------------------------------------------------------------------------------------------
// Importing
// ---------------------------------------------------------------------------------------------

/** A document a profile imports; `href` names the import it stands for (href or file name). */
export interface WithDocument {
  href?: string;
  document: unknown;
}

export interface ImportCatalogOptions {
  /** Catalogs (or profiles) for resolving a profile's imports. */
  with?: WithDocument[];
  /** Catalog key; default: derived from the title. */
  key?: string;
  /** OSCAL JSON schemas to validate against (default: structural validation only). */
  schema?: SchemaConfig & { requireSchema?: boolean };
}

export type ImportCatalogResult = ImportResultDto;

/** An OscalImportError as a 400 problem; `prefix` places pointers of `with` documents. */
function toAppError(error: OscalImportError, prefix = ''): AppError {
  const pointer = `${prefix}${error.pointer}`;
  const head = `${error.pointer === '' ? '(document root)' : error.pointer}: `;
  const message = error.message.startsWith(head) ? error.message.slice(head.length) : error.message;
  return new AppError('validation-failed', {
    title: 'Das OSCAL-Dokument ist ungültig.',
    detail: `${pointer === '' ? '(Dokumentwurzel)' : pointer}: ${message}`,
    errors: (error.pointers.length > 0 ? error.pointers : [error.pointer]).map((p) => ({
      pointer: `${prefix}${p}`,
      message,
    })),
    extensions: { oscalError: error.code },
  });
}

function invalid(pointer: string, message: string): AppError {
  return new AppError('validation-failed', {
    title: 'Das OSCAL-Dokument ist ungültig.',
    detail: `${pointer}: ${message}`,
    errors: [{ pointer, message }],
  });
}

function readJson(input: unknown, prefix: string): unknown {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return input;
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw invalid(prefix === '' ? '' : prefix, `kein gültiges JSON: ${(error as Error).message}`);
  }
}

/**
 * PostgreSQL stores neither NUL characters nor unpaired surrogates (text or jsonb): reject them
 * with their pointer rather than fail in the database. Runs only on documents the OSCAL parser
 * accepted, so the depth is bounded.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertStorable(value: unknown, pointer: string): void {
  const bad = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
  if (typeof value === 'string') {
    if (bad(value)) throw invalid(pointer, 'enthält ein NUL-Zeichen oder ungültiges Unicode');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      assertStorable(v, `${pointer}/${i}`);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (bad(k)) throw invalid(at, 'Feldname enthält ein NUL-Zeichen oder ungültiges Unicode');
      assertStorable(v, at);
    }
  }
}

function parse(input: unknown, options: ImportCatalogOptions, prefix: string): OscalImportResult {
  const doc = readJson(input, prefix);
  let result: OscalImportResult;
  try {
    result = parseOscalDocument(doc, { ...options.schema });
  } catch (error) {
    if (error instanceof OscalImportError) throw toAppError(error, prefix);
    throw error;
  }
  assertStorable(doc, prefix);
  return result;
}

/** A stable key from a title: "BSI Stand der Technik Kernel" → bsi-stand-der-technik-kernel. */
export function keyFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/\+/g, 'p')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug === '' ? 'catalog' : slug;
}

const fileName = (href: string) => {
  const clean = href.replace(/[?#].*$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1);
};
const normalName = (s: string) =>
  s
    .toLowerCase()
    .replace(/\.json$/, '')
    .replace(/[-_ ](catalog|profile)$/, '')
    .replace(/[-_\s]+/g, ' ')
    .trim();

/**
 * Resolves import hrefs against the `with` documents: a named document by its href or file name;
 * an unnamed one by its uuid (`#uuid`, `urn:uuid:…`) or when the file name spells its title
 * (`BSI-Methodik-Grundschutz++-catalog.json` ↔ "BSI Methodik Grundschutz++").
 */
function resolverFor(sources: { href?: string; model: CatalogSource }[]): ImportResolver {
  return (href) => {
    for (const s of sources) {
      if (s.href !== undefined && (s.href === href || fileName(s.href) === fileName(href))) return s.model;
    }
    for (const s of sources) {
      if (s.href !== undefined) continue;
      if (href === `#${s.model.uuid}` || href === `urn:uuid:${s.model.uuid}`) return s.model;
      const title =
        'imports' in s.model ? (s.model as ProfileModel).metadata.title : (s.model as CatalogModel).title;
      if (!href.startsWith('#') && normalName(fileName(href)) === normalName(title)) return s.model;
    }
    return undefined;
  };
}

const duplicate = (key: string, version: string, catalogId?: string) =>
  new AppError('conflict', {
    detail: `Der Katalog "${key}" liegt in der Version "${version}" bereits vor.`,
    ...(catalogId ? { extensions: { catalogId } } : {}),
  });

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

function checkVersion(version: string, pointer: string): void {
  if (version.length < 1 || version.length > 200)
    throw invalid(pointer, 'Version muss 1 bis 200 Zeichen lang sein');
}

interface StoreInput {
  model: CatalogModel;
  key: string;
  source: CatalogSourceKind;
  kind: ImportResultDto['kind'];
  validation: ImportResultDto['validation'];
  warnings: OscalWarning[];
  profile?: StoredCatalogMetadata['profile'];
  action: string;
}

async function storeCatalog(ctx: RequestContext, input: StoreInput): Promise<ImportResultDto> {
  const { model, key } = input;
  checkVersion(model.version, '/catalog/metadata/version');
  let rows: ReturnType<typeof catalogRows>;
  try {
    rows = catalogRows(model);
  } catch (error) {
    if (error instanceof OscalImportError) throw toAppError(error);
    throw error;
  }
  const metadata = storedMetadata(model);
  if (input.profile) metadata.profile = input.profile;
  const titleEn = (
    model.metadataExtra.props as { name: string; ns?: string; value: string }[] | undefined
  )?.find((p) => p.name === 'title-en' && p.ns === BASTEI_NS)?.value;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const existing = await findCatalogByKeyVersion(trx, key, model.version);
      if (existing) throw duplicate(key, model.version, existing.id);
      const row = await insertCatalog(
        trx,
        {
          key,
          version: model.version,
          title: model.title,
          titleEn: titleEn ?? null,
          source: input.source,
          oscalUuid: UUID.test(model.uuid) ? model.uuid : null,
          metadata,
          createdBy: actorUserId(ctx.actor),
        },
        rows,
      );
      const result: ImportResultDto = {
        kind: input.kind,
        catalogId: row.id,
        key,
        version: model.version,
        title: model.title,
        groups: rows.groups.length,
        controls: rows.requirements.length,
        measureTemplates: rows.measureTemplates.length,
        crossReferences: 0,
        validation: input.validation,
        warnings: input.warnings,
      };
      await recordAudit(ctx, trx, {
        action: input.action,
        resourceType: 'catalog',
        resourceId: row.id,
        after: {
          key,
          version: model.version,
          title: model.title,
          source: input.source,
          oscalUuid: model.uuid,
          groups: result.groups,
          controls: result.controls,
          measureTemplates: result.measureTemplates,
        },
      });
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(key, model.version);
    throw error;
  }
}

async function storeMappingCollection(
  ctx: RequestContext,
  collection: MappingCollectionModel,
  refs: Extract<OscalImportResult, { kind: 'mapping-collection' }>['crossReferences'],
  key: string,
  validation: ImportResultDto['validation'],
  warnings: OscalWarning[],
): Promise<ImportResultDto> {
  const { title, version } = collection.metadata;
  checkVersion(version, '/mapping-collection/metadata/version');
  const uuid = UUID.test(collection.uuid) ? collection.uuid : null;
  const rows: NewCrossReference[] = refs.map((r) => {
    const data: Record<string, unknown> = {
      collectionVersion: version,
      collectionTitle: title,
      sourceType: r.sourceType,
      targetType: r.targetType,
      pointer: r.pointer,
    };
    if (r.mappingUuid !== undefined) data.mappingUuid = r.mappingUuid;
    if (r.mapUuid !== undefined) data.mapUuid = r.mapUuid;
    if (r.status !== undefined) data.status = r.status;
    return {
      source_catalog: r.sourceCatalog,
      source_id: r.sourceId,
      target_catalog: r.targetCatalog,
      target_id: r.targetId,
      relationship: r.relationship,
      data,
    };
  });
  return ctx.db.transaction().execute(async (trx) => {
    if (await crossReferenceCollectionExists(trx, key, uuid, version)) throw duplicate(key, version);
    await insertCrossReferences(trx, key, uuid, rows);
    await recordAudit(ctx, trx, {
      action: 'catalog.cross-references.import',
      resourceType: 'catalog_cross_references',
      after: { collectionKey: key, version, title, uuid: collection.uuid, crossReferences: rows.length },
    });
    return {
      kind: 'mapping-collection' as const,
      catalogId: null,
      key,
      version,
      title,
      groups: 0,
      controls: 0,
      measureTemplates: 0,
      crossReferences: rows.length,
      validation,
      warnings,
    };
  });
}

/**
 * Imports an OSCAL catalog, a profile (resolved against `options.with`) or a mapping collection
 * (stored as cross-references). Duplicate (key, version) → 409; invalid input → 400 naming the JSON
 * pointer; nothing is written unless everything is stored.
 */
export async function importOscalCatalog(
  ctx: RequestContext,
  json: unknown,
  options: ImportCatalogOptions = {},
): Promise<ImportCatalogResult> {
  assertAnyPermission(ctx, 'catalog.manage');
  assertPermitted(ctx, 'catalog.manage', null);
  const parsed = parse(json, options, '');
  const validation = parsed.validation;
  switch (parsed.kind) {
    case 'catalog':
      return storeCatalog(ctx, {
        model: parsed.catalog,
        key: options.key ?? keyFromTitle(parsed.catalog.title),
        source: 'oscal-catalog',
        kind: 'catalog',
        validation,
        warnings: parsed.warnings,
        action: 'catalog.import',
      });
    case 'profile': {
      const sources = (options.with ?? []).map((w, i) => {
        const prefix = w.href !== undefined ? `/with/${i}/document` : `/with/${i}`;
        const result = parse(w.document, options, prefix);
        if (result.kind === 'mapping-collection') {
          throw invalid(prefix, 'eine Profil-Quelle muss ein Katalog oder Profil sein');
        }
        const model: CatalogSource = result.kind === 'catalog' ? result.catalog : result.profile;
        return w.href !== undefined ? { href: w.href, model } : { model };
      });
      let resolved: CatalogModel;
      const warnings = [...parsed.warnings];
      try {
        const resolution = resolveProfile(parsed.profile, resolverFor(sources), { uuid: randomUUID() });
        resolved = resolution.catalog;
        warnings.push(...resolution.warnings);
      } catch (error) {
        if (error instanceof OscalImportError) throw toAppError(error);
        throw error;
      }
      const { metadata } = parsed.profile;
      return storeCatalog(ctx, {
        model: resolved,
        key: options.key ?? keyFromTitle(resolved.title),
        source: 'oscal-profile',
        kind: 'profile',
        validation,
        warnings,
        profile: { uuid: parsed.profile.uuid, title: metadata.title, version: metadata.version },
        action: 'catalog.import',
      });
    }
    case 'mapping-collection':
      return storeMappingCollection(
        ctx,
        parsed.mappingCollection,
        parsed.crossReferences,
        options.key ?? keyFromTitle(parsed.mappingCollection.metadata.title),
        validation,
        parsed.warnings,
      );
  }
}

/** Stores the built-in baseline Bastei-Basis with its measure templates; a second call changes nothing. */
export async function installBaseline(
  ctx: RequestContext,
): Promise<ImportCatalogResult & { installed: boolean }> {
  assertAnyPermission(ctx, 'catalog.manage');
  assertPermitted(ctx, 'catalog.manage', null);
  const present = async (existing: CatalogRow) => ({
    kind: 'catalog' as const,
    catalogId: existing.id,
    key: existing.key,
    version: existing.version,
    title: existing.title,
    groups: existing.group_count,
    controls: existing.requirement_count,
    measureTemplates: (await findMeasureTemplatesOfCatalog(ctx.db, existing.id)).length,
    crossReferences: 0,
    validation: 'structural' as const,
    warnings: [],
    installed: false,
  });
  const existing = await findCatalogByKeyVersion(ctx.db, BASELINE_KEY, basteiBasis.version);
  if (existing) return present(existing);
  const model = baselineCatalogModel(basteiBasis);
  try {
    const result = await storeCatalog(ctx, {
      model,
      key: BASELINE_KEY,
      source: 'builtin',
      kind: 'catalog',
      validation: 'structural',
      warnings: [],
      action: 'catalog.install-baseline',
    });
    return { ...result, installed: true };
  } catch (error) {
    // installed concurrently in the meantime
    const raced = error instanceof AppError && error.code === 'conflict';
    const now = raced ? await findCatalogByKeyVersion(ctx.db, BASELINE_KEY, basteiBasis.version) : undefined;
    if (now) return present(now);
    throw error;
  }
}
