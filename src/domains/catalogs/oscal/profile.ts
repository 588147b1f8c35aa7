/**
 * OSCAL profiles: structural schema, model and resolution into a catalog (OSCAL profile
 * resolution, best effort): imports (include-all, include-controls with-ids / matching /
 * with-child-controls, exclude-controls), merge (as-is, flat, custom; combine use-first / keep),
 * modify (set-parameters, alters with removes and adds). Import hrefs of the form `#uuid` are
 * followed through the profile's back-matter rlinks; the caller maps the resulting hrefs (or their
 * file names) to catalogs, so this module never touches the file system or network.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OscalImportError, type OscalWarning } from './errors.ts';
import {
  type BackMatter,
  type BackMatterResource,
  backMatterSchema,
  type CatalogModel,
  type ControlModel,
  flattenControls,
  type GroupModel,
  type Link,
  linkSchema,
  metadataSchema,
  type OscalMetadata,
  type Param,
  type Part,
  type Prop,
  paramSchema,
  partSchema,
  propSchema,
} from './model.ts';

// ---------------------------------------------------------------------------------------------
// Structural schema
// ---------------------------------------------------------------------------------------------

const selectControlSchema = z.looseObject({
  'with-child-controls': z.enum(['yes', 'no']).optional(),
  'with-ids': z.array(z.string()).optional(),
  matching: z.array(z.looseObject({ pattern: z.string().optional() })).optional(),
});
export type SelectControl = z.infer<typeof selectControlSchema>;

const importSchema = z.looseObject({
  href: z.string(),
  'include-all': z.looseObject({}).optional(),
  'include-controls': z.array(selectControlSchema).optional(),
  'exclude-controls': z.array(selectControlSchema).optional(),
});
export type ProfileImport = z.infer<typeof importSchema>;

const insertControlsSchema = z.looseObject({
  order: z.enum(['keep', 'ascending', 'descending']).optional(),
  'include-all': z.looseObject({}).optional(),
  'include-controls': z.array(selectControlSchema).optional(),
  'exclude-controls': z.array(selectControlSchema).optional(),
});
export type InsertControls = z.infer<typeof insertControlsSchema>;

export interface CustomGroup {
  id?: string | undefined;
  class?: string | undefined;
  title: string;
  params?: Param[] | undefined;
  props?: Prop[] | undefined;
  links?: Link[] | undefined;
  parts?: Part[] | undefined;
  groups?: CustomGroup[] | undefined;
  'insert-controls'?: InsertControls[] | undefined;
  [key: string]: unknown;
}

const customGroupSchema: z.ZodType<CustomGroup> = z.looseObject({
  id: z.string().optional(),
  class: z.string().optional(),
  title: z.string(),
  params: z.array(paramSchema).optional(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
  parts: z.array(partSchema).optional(),
  get groups(): z.ZodOptional<z.ZodArray<z.ZodType<CustomGroup>>> {
    return z.array(customGroupSchema).optional();
  },
  'insert-controls': z.array(insertControlsSchema).optional(),
});

const mergeSchema = z.looseObject({
  combine: z.looseObject({ method: z.string().optional() }).optional(),
  flat: z.looseObject({}).optional(),
  'as-is': z.boolean().optional(),
  custom: z
    .looseObject({
      groups: z.array(customGroupSchema).optional(),
      'insert-controls': z.array(insertControlsSchema).optional(),
    })
    .optional(),
});
export type ProfileMerge = z.infer<typeof mergeSchema>;

const setParameterSchema = z.looseObject({
  'param-id': z.string(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
});
export type SetParameter = z.infer<typeof setParameterSchema>;

const removeSchema = z.looseObject({
  'by-name': z.string().optional(),
  'by-class': z.string().optional(),
  'by-id': z.string().optional(),
  'by-item-name': z.string().optional(),
  'by-ns': z.string().optional(),
});
export type AlterRemove = z.infer<typeof removeSchema>;

const addSchema = z.looseObject({
  position: z.enum(['before', 'after', 'starting', 'ending']).optional(),
  'by-id': z.string().optional(),
  title: z.string().optional(),
  params: z.array(paramSchema).optional(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
  parts: z.array(partSchema).optional(),
});
export type AlterAdd = z.infer<typeof addSchema>;

const alterSchema = z.looseObject({
  'control-id': z.string(),
  removes: z.array(removeSchema).optional(),
  adds: z.array(addSchema).optional(),
});
export type Alter = z.infer<typeof alterSchema>;

const modifySchema = z.looseObject({
  'set-parameters': z.array(setParameterSchema).optional(),
  alters: z.array(alterSchema).optional(),
});
export type ProfileModify = z.infer<typeof modifySchema>;

export const profileJsonSchema = z.looseObject({
  uuid: z.string().min(1),
  metadata: metadataSchema,
  imports: z.array(importSchema).min(1),
  merge: mergeSchema.optional(),
  modify: modifySchema.optional(),
  'back-matter': backMatterSchema.optional(),
});
export type ProfileJson = z.infer<typeof profileJsonSchema>;

export const profileDocumentSchema = z.looseObject({ profile: profileJsonSchema });

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/** A profile, kept in its OSCAL shape (it is input to resolution, not something Bastei edits). */
export interface ProfileModel {
  uuid: string;
  metadata: OscalMetadata;
  imports: ProfileImport[];
  merge?: ProfileMerge;
  modify?: ProfileModify;
  backMatter?: BackMatter;
  /** Unknown fields of the `profile` object, raw. */
  extra?: Record<string, unknown>;
  /** Fields of the document root other than `profile`, raw. */
  rootExtra?: Record<string, unknown>;
}

export function profileFromJson(json: ProfileJson, rootExtra?: Record<string, unknown>): ProfileModel {
  const { uuid, metadata, imports, merge, modify, 'back-matter': backMatter, ...extra } = json;
  const model: ProfileModel = { uuid, metadata, imports };
  if (merge !== undefined) model.merge = merge;
  if (modify !== undefined) model.modify = modify;
  if (backMatter !== undefined) model.backMatter = backMatter;
  if (Object.keys(extra).length > 0) model.extra = extra;
  if (rootExtra !== undefined && Object.keys(rootExtra).length > 0) model.rootExtra = rootExtra;
  return model;
}

// ---------------------------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------------------------

/** What an import can resolve to: a catalog, or another profile (resolved recursively). */
export type CatalogSource = CatalogModel | ProfileModel;

export interface ImportContext {
  profile: ProfileModel;
  importIndex: number;
  /** The import's own href (e.g. `#84cbf061-…`). */
  importHref: string;
  /** The back-matter resource the href pointed to, if it was a `#uuid` reference. */
  resource?: BackMatterResource;
}

/** Returns the catalog (or profile) for an href, or undefined to let the next candidate be tried. */
export type ImportResolver = (href: string, context: ImportContext) => CatalogSource | undefined;

/**
 * Either a resolver function or a lookup table. Table keys are matched against each candidate href
 * exactly first, then against its file name (last path segment), so `{ 'x-catalog.json': model }`
 * matches `../catalogs/x-catalog.json`.
 */
export type ImportSources =
  | ImportResolver
  | ReadonlyMap<string, CatalogSource>
  | Readonly<Record<string, CatalogSource>>;

export interface ResolveProfileOptions {
  /** uuid of the resolved catalog (default: random). */
  uuid?: string;
  /** `last-modified` of the resolved catalog (default: now). */
  lastModified?: string;
  /** href recorded in the `source-profile` metadata link (default: `urn:uuid:<profile uuid>`). */
  profileHref?: string;
}

export interface ProfileResolution {
  catalog: CatalogModel;
  warnings: OscalWarning[];
}

function isProfile(source: CatalogSource): source is ProfileModel {
  return 'imports' in source && Array.isArray((source as ProfileModel).imports);
}

function fileName(href: string): string {
  const clean = href.replace(/[?#].*$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1);
}

function lookupTable(table: ReadonlyMap<string, CatalogSource> | Readonly<Record<string, CatalogSource>>) {
  const get = (key: string): CatalogSource | undefined => {
    if (table instanceof Map) return table.get(key);
    const record = table as Readonly<Record<string, CatalogSource>>;
    return Object.hasOwn(record, key) ? record[key] : undefined;
  };
  return (href: string): CatalogSource | undefined =>
    get(href) ?? (href.startsWith('#') ? undefined : get(fileName(href)));
}

function isJsonRlink(rlink: { href: string; 'media-type'?: string | undefined }): boolean {
  return /json/i.test(rlink['media-type'] ?? '') || /\.json$/i.test(rlink.href.replace(/[?#].*$/, ''));
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

function filterControls(controls: readonly ControlModel[], keep: ReadonlySet<string>): ControlModel[] {
  const out: ControlModel[] = [];
  for (const control of controls) {
    const children = filterControls(control.controls, keep);
    if (keep.has(control.id)) out.push({ ...control, controls: children });
    else out.push(...children); // selected descendants of an unselected control move up
  }
  return out;
}

function filterGroups(groups: readonly GroupModel[], keep: ReadonlySet<string>): GroupModel[] {
  const out: GroupModel[] = [];
  for (const group of groups) {
    const controls = filterControls(group.controls, keep);
    const subGroups = filterGroups(group.groups, keep);
    if (controls.length > 0 || subGroups.length > 0) out.push({ ...group, controls, groups: subGroups });
  }
  return out;
}

function mergeGroupsAsIs(into: GroupModel[], add: readonly GroupModel[]): GroupModel[] {
  const out = [...into];
  for (const group of add) {
    const index = group.id === undefined ? -1 : out.findIndex((g) => g.id === group.id);
    const existing = index >= 0 ? out[index] : undefined;
    if (existing) {
      out[index] = {
        ...existing,
        controls: [...existing.controls, ...group.controls],
        groups: mergeGroupsAsIs(existing.groups, group.groups),
      };
    } else {
      out.push(group);
    }
  }
  return out;
}

/** Top-level controls of a filtered catalog in document order, groups dissolved. */
function dissolveGroups(controls: readonly ControlModel[], groups: readonly GroupModel[]): ControlModel[] {
  const out = [...controls];
  for (const g of groups) out.push(...dissolveGroups(g.controls, g.groups));
  return out;
}

interface ImportedPart {
  controls: ControlModel[];
  groups: GroupModel[];
  params: Param[];
  resources: BackMatterResource[];
}

function descendantIds(control: ControlModel, into: string[]): void {
  for (const child of control.controls) {
    into.push(child.id);
    descendantIds(child, into);
  }
}

function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

class Resolver {
  readonly warnings: OscalWarning[] = [];
  private readonly stack: string[];

  constructor(
    private readonly sources: ImportSources,
    stack: string[],
  ) {
    this.stack = stack;
  }

  private warn(code: string, pointer: string, message: string): void {
    this.warnings.push({ code, pointer, message });
  }

  private fetch(profile: ProfileModel, importIndex: number): { source: CatalogSource; href: string } {
    const imp = profile.imports[importIndex] as ProfileImport;
    const pointer = `/profile/imports/${importIndex}/href`;
    const candidates = [imp.href];
    let resource: BackMatterResource | undefined;
    if (imp.href.startsWith('#')) {
      const uuid = imp.href.slice(1);
      resource = profile.backMatter?.resources?.find((r) => r.uuid === uuid);
      if (!resource) {
        throw new OscalImportError(
          'unresolved-import',
          pointer,
          `import "${imp.href}" names no back-matter resource of this profile`,
        );
      }
      const rlinks = [...(resource.rlinks ?? [])].sort(
        (a, b) => Number(isJsonRlink(b)) - Number(isJsonRlink(a)),
      );
      candidates.push(...rlinks.map((r) => r.href));
    }
    const context: ImportContext = { profile, importIndex, importHref: imp.href };
    if (resource) context.resource = resource;
    const resolve: (href: string) => CatalogSource | undefined =
      typeof this.sources === 'function'
        ? (href) => (this.sources as ImportResolver)(href, context)
        : lookupTable(this.sources);
    for (const href of candidates) {
      const source = resolve(href);
      if (source !== undefined) return { source, href };
    }
    throw new OscalImportError(
      'unresolved-import',
      pointer,
      `import could not be resolved to a catalog (tried ${candidates.map((c) => JSON.stringify(c)).join(', ')})`,
    );
  }

  private sourceCatalog(
    source: CatalogSource,
    href: string,
    options: ResolveProfileOptions,
    pointer: string,
  ): CatalogModel {
    if (!isProfile(source)) return source;
    if (this.stack.includes(source.uuid)) {
      throw new OscalImportError('import-cycle', pointer, `profile ${source.uuid} (${href}) imports itself`);
    }
    const nested = new Resolver(this.sources, [...this.stack, source.uuid]);
    let catalog: CatalogModel;
    try {
      catalog = nested.resolve(source, { ...options, uuid: source.uuid });
    } catch (error) {
      if (!(error instanceof OscalImportError)) throw error;
      // the pointer stays relative to the imported profile; the message says which one
      const message = error.message.slice(error.message.indexOf(': ') + 2);
      throw new OscalImportError(error.code, error.pointer, `in imported profile ${href}: ${message}`, {
        pointers: [...error.pointers],
      });
    }
    for (const w of nested.warnings)
      this.warnings.push({ ...w, message: `in imported profile ${href}: ${w.message}` });
    return catalog;
  }

  private select(
    catalog: CatalogModel,
    selectors: readonly SelectControl[],
    base: string,
    all: ReadonlyMap<string, ControlModel>,
  ): Set<string> {
    const ids = new Set<string>();
    const add = (control: ControlModel, withChildren: boolean): void => {
      ids.add(control.id);
      if (withChildren) {
        const kids: string[] = [];
        descendantIds(control, kids);
        for (const k of kids) ids.add(k);
      }
    };
    selectors.forEach((selector, s) => {
      const withChildren = selector['with-child-controls'] === 'yes';
      (selector['with-ids'] ?? []).forEach((id, k) => {
        const control = all.get(id);
        if (!control) {
          throw new OscalImportError(
            'missing-control',
            `${base}/${s}/with-ids/${k}`,
            `control "${id}" does not exist in the imported catalog "${catalog.title}"`,
          );
        }
        add(control, withChildren);
      });
      (selector.matching ?? []).forEach((m, k) => {
        if (m.pattern === undefined) return;
        const re = globToRegExp(m.pattern);
        let hits = 0;
        for (const [id, control] of all) {
          if (re.test(id)) {
            hits++;
            add(control, withChildren);
          }
        }
        if (hits === 0) {
          this.warn(
            'pattern-matches-nothing',
            `${base}/${s}/matching/${k}`,
            `pattern "${m.pattern}" matches no control`,
          );
        }
      });
    });
    return ids;
  }

  private importOne(
    profile: ProfileModel,
    index: number,
    seen: Map<string, number>,
    useFirst: boolean,
    options: ResolveProfileOptions,
  ): ImportedPart {
    const imp = profile.imports[index] as ProfileImport;
    const { source, href } = this.fetch(profile, index);
    const catalog = this.sourceCatalog(source, href, options, `/profile/imports/${index}/href`);
    const all = new Map<string, ControlModel>();
    for (const f of flattenControls(catalog)) if (!all.has(f.control.id)) all.set(f.control.id, f.control);

    const base = `/profile/imports/${index}`;
    let selected: Set<string>;
    if (imp['include-all'] !== undefined || imp['include-controls'] === undefined) {
      if (imp['include-all'] === undefined) {
        this.warn(
          'no-include-directive',
          base,
          'import has neither include-all nor include-controls; including all',
        );
      }
      selected = new Set(all.keys());
    } else {
      selected = this.select(catalog, imp['include-controls'], `${base}/include-controls`, all);
    }
    if (imp['exclude-controls']) {
      for (const id of this.select(catalog, imp['exclude-controls'], `${base}/exclude-controls`, all)) {
        selected.delete(id);
      }
    }
    for (const id of [...selected]) {
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, index);
      } else if (useFirst) {
        selected.delete(id);
      } else {
        throw new OscalImportError(
          'duplicate-id',
          base,
          `control "${id}" is imported by /profile/imports/${first} and /profile/imports/${index}; ` +
            'set merge.combine.method to "use-first" to keep only the first',
          { pointers: [`/profile/imports/${first}`, base] },
        );
      }
    }
    return {
      controls: filterControls(catalog.controls, selected),
      groups: filterGroups(catalog.groups, selected),
      params: catalog.params ?? [],
      resources: catalog.backMatter?.resources ?? [],
    };
  }

  private insert(
    specs: readonly InsertControls[],
    pool: readonly ControlModel[],
    poolIds: ReadonlyMap<string, ControlModel>,
    used: Set<string>,
    base: string,
  ): ControlModel[] {
    const out: ControlModel[] = [];
    specs.forEach((spec, i) => {
      const pick = (selectors: readonly SelectControl[], where: string): Set<string> => {
        const ids = new Set<string>();
        selectors.forEach((sel, s) => {
          (sel['with-ids'] ?? []).forEach((id, k) => {
            if (!poolIds.has(id)) {
              throw new OscalImportError(
                'missing-control',
                `${base}/${i}/${where}/${s}/with-ids/${k}`,
                `control "${id}" is not among the imported controls`,
              );
            }
            ids.add(id);
          });
          for (const m of sel.matching ?? []) {
            if (m.pattern === undefined) continue;
            const re = globToRegExp(m.pattern);
            for (const id of poolIds.keys()) if (re.test(id)) ids.add(id);
          }
        });
        return ids;
      };
      const included =
        spec['include-all'] !== undefined || spec['include-controls'] === undefined
          ? undefined
          : pick(spec['include-controls'], 'include-controls');
      let chosen = included ? pool.filter((c) => included.has(c.id)) : [...pool];
      if (spec['exclude-controls']) {
        const excluded = pick(spec['exclude-controls'], 'exclude-controls');
        chosen = chosen.filter((c) => !excluded.has(c.id));
      }
      if (spec.order === 'ascending') chosen = [...chosen].sort((a, b) => compareIds(a.id, b.id));
      if (spec.order === 'descending') chosen = [...chosen].sort((a, b) => compareIds(b.id, a.id));
      for (const c of chosen) {
        used.add(c.id);
        out.push(c);
      }
    });
    return out;
  }

  private customGroups(
    groups: readonly CustomGroup[],
    pool: readonly ControlModel[],
    poolIds: ReadonlyMap<string, ControlModel>,
    used: Set<string>,
    base: string,
  ): GroupModel[] {
    return groups.map((g, i) => {
      const pointer = `${base}/${i}`;
      const group: GroupModel = {
        title: g.title,
        props: g.props ?? [],
        parts: g.parts ?? [],
        params: g.params ?? [],
        groups: [],
        controls: this.insert(g['insert-controls'] ?? [], pool, poolIds, used, `${pointer}/insert-controls`),
      };
      if (g.id !== undefined) group.id = g.id;
      if (g.class !== undefined) group.class = g.class;
      if (g.links !== undefined && g.links.length > 0) group.links = g.links;
      group.groups = this.customGroups(g.groups ?? [], pool, poolIds, used, `${pointer}/groups`);
      return group;
    });
  }

  resolve(profile: ProfileModel, options: ResolveProfileOptions): CatalogModel {
    const merge = profile.merge;
    const method = merge?.combine?.method;
    const useFirst = method === 'use-first' || method === 'merge';
    if (method === 'merge') {
      this.warn(
        'combine-merge',
        '/profile/merge/combine/method',
        'combine "merge" is treated as "use-first"',
      );
    }
    const seen = new Map<string, number>();
    const parts = profile.imports.map((_, i) => this.importOne(profile, i, seen, useFirst, options));

    let controls: ControlModel[] = [];
    let groups: GroupModel[] = [];
    if (merge?.['as-is'] === true) {
      for (const p of parts) {
        controls.push(...p.controls);
        groups = mergeGroupsAsIs(groups, p.groups);
      }
    } else if (merge?.custom !== undefined) {
      const pool = parts.flatMap((p) => dissolveGroups(p.controls, p.groups));
      const poolIds = new Map(pool.map((c) => [c.id, c] as const));
      const used = new Set<string>();
      const custom = merge.custom;
      groups = this.customGroups(custom.groups ?? [], pool, poolIds, used, '/profile/merge/custom/groups');
      controls = this.insert(
        custom['insert-controls'] ?? [],
        pool,
        poolIds,
        used,
        '/profile/merge/custom/insert-controls',
      );
      const dropped = pool.filter((c) => !used.has(c.id)).length;
      if (dropped > 0) {
        this.warn(
          'custom-merge-dropped',
          '/profile/merge/custom',
          `${dropped} selected controls are not inserted anywhere`,
        );
      }
    } else {
      // flat, or no merge directive: no grouping (nested child controls stay with their parent)
      controls = parts.flatMap((p) => dissolveGroups(p.controls, p.groups));
    }

    const params: Param[] = [];
    const paramIds = new Set<string>();
    for (const p of parts) {
      for (const param of p.params) {
        if (!paramIds.has(param.id)) {
          paramIds.add(param.id);
          params.push(param);
        }
      }
    }
    const resources: BackMatterResource[] = [];
    const resourceIds = new Set<string>();
    for (const r of [...(profile.backMatter?.resources ?? []), ...parts.flatMap((p) => p.resources)]) {
      if (!resourceIds.has(r.uuid)) {
        resourceIds.add(r.uuid);
        resources.push(r);
      }
    }

    const {
      title,
      version,
      'last-modified': _lm,
      'oscal-version': oscalVersion,
      ...metadataRest
    } = profile.metadata;
    const sourceLink: Link = {
      href: options.profileHref ?? `urn:uuid:${profile.uuid}`,
      rel: 'source-profile',
    };
    const metadataExtra: Record<string, unknown> = {
      ...metadataRest,
      links: [...(metadataRest.links ?? []), sourceLink],
    };

    // Deep copy before modify: the result must not share mutable objects with the source catalogs.
    const catalog: CatalogModel = structuredClone({
      uuid: options.uuid ?? randomUUID(),
      title,
      version,
      lastModified: options.lastModified ?? new Date().toISOString(),
      oscalVersion,
      metadataExtra,
      groups,
      controls,
      ...(params.length > 0 ? { params } : {}),
      ...(resources.length > 0 ? { backMatter: { resources } } : {}),
    });
    if (profile.modify) this.modify(catalog, profile.modify);
    return catalog;
  }

  private modify(catalog: CatalogModel, modify: ProfileModify): void {
    const params = new Map<string, Param>();
    const controls = new Map<string, ControlModel>();
    for (const p of catalog.params ?? []) if (!params.has(p.id)) params.set(p.id, p);
    const visitGroup = (g: GroupModel): void => {
      for (const p of g.params) if (!params.has(p.id)) params.set(p.id, p);
      g.groups.forEach(visitGroup);
    };
    catalog.groups.forEach(visitGroup);
    for (const { control } of flattenControls(catalog)) {
      if (!controls.has(control.id)) controls.set(control.id, control);
      for (const p of control.params) if (!params.has(p.id)) params.set(p.id, p);
    }

    (modify['set-parameters'] ?? []).forEach((setting, k) => {
      const param = params.get(setting['param-id']) as Record<string, unknown> | undefined;
      if (!param) {
        this.warn(
          'set-parameter-unmatched',
          `/profile/modify/set-parameters/${k}`,
          `parameter "${setting['param-id']}" is not in the resolved catalog`,
        );
        return;
      }
      for (const [key, value] of Object.entries(setting)) {
        if (key === 'param-id') continue;
        if (key === 'props' || key === 'links') {
          const existing = Array.isArray(param[key]) ? (param[key] as unknown[]) : [];
          param[key] = [...existing, ...(value as unknown[])];
        } else {
          param[key] = value;
        }
      }
    });

    (modify.alters ?? []).forEach((alter, k) => {
      const base = `/profile/modify/alters/${k}`;
      const control = controls.get(alter['control-id']);
      if (!control) {
        throw new OscalImportError(
          'missing-control',
          `${base}/control-id`,
          `alter targets control "${alter['control-id']}", which is not in the resolved catalog`,
        );
      }
      (alter.removes ?? []).forEach((remove, r) => {
        const removed = removeItems(control, remove);
        if (removed === 0)
          this.warn('remove-matches-nothing', `${base}/removes/${r}`, 'remove matches no item');
      });
      (alter.adds ?? []).forEach((add, a) => {
        if (!applyAdd(control, add)) {
          this.warn(
            'add-target-missing',
            `${base}/adds/${a}/by-id`,
            `no part or parameter with id "${add['by-id']}"`,
          );
        }
      });
    });
  }
}

type ItemKind = 'param' | 'prop' | 'link' | 'part';

function matchesRemove(item: Record<string, unknown>, kind: ItemKind, remove: AlterRemove): boolean {
  const criteria: [string | undefined, unknown][] = [
    [remove['by-name'], item.name],
    [remove['by-class'], item.class],
    [remove['by-id'], item.id],
    [remove['by-ns'], item.ns],
    [remove['by-item-name'], kind],
  ];
  let hasCriteria = false;
  for (const [wanted, actual] of criteria) {
    if (wanted === undefined) continue;
    hasCriteria = true;
    if (wanted !== actual) return false;
  }
  return hasCriteria;
}

function removeFrom<T extends object>(
  list: T[] | undefined,
  kind: ItemKind,
  remove: AlterRemove,
): [T[] | undefined, number] {
  if (!list) return [list, 0];
  const kept = list.filter((item) => !matchesRemove(item as Record<string, unknown>, kind, remove));
  return [kept, list.length - kept.length];
}

function removeInParts(parts: Part[] | undefined, remove: AlterRemove): [Part[] | undefined, number] {
  if (!parts) return [parts, 0];
  const [kept, removedHere] = removeFrom(parts, 'part', remove);
  let removed = removedHere;
  for (const part of kept ?? []) {
    const [props, a] = removeFrom(part.props, 'prop', remove);
    const [links, b] = removeFrom(part.links, 'link', remove);
    const [sub, c] = removeInParts(part.parts, remove);
    if (props !== undefined) part.props = props;
    if (links !== undefined) part.links = links;
    if (sub !== undefined) part.parts = sub;
    removed += a + b + c;
  }
  return [kept, removed];
}

function removeItems(control: ControlModel, remove: AlterRemove): number {
  const [params, a] = removeFrom(control.params, 'param', remove);
  const [props, b] = removeFrom(control.props, 'prop', remove);
  const [links, c] = removeFrom(control.links, 'link', remove);
  const [parts, d] = removeInParts(control.parts, remove);
  control.params = params ?? [];
  control.props = props ?? [];
  if (links !== undefined) {
    if (links.length > 0) control.links = links;
    else delete control.links;
  }
  control.parts = parts ?? [];
  return a + b + c + d;
}

function place<T>(list: T[] | undefined, items: readonly T[] | undefined, atStart: boolean): T[] | undefined {
  if (!items || items.length === 0) return list;
  return atStart ? [...items, ...(list ?? [])] : [...(list ?? []), ...items];
}

function findPart(
  parts: Part[],
  id: string,
  container: { props?: Prop[] | undefined; links?: Link[] | undefined; parts?: Part[] | undefined },
): { part: Part; siblings: Part[]; container: typeof container } | undefined {
  for (const part of parts) {
    if (part.id === id) return { part, siblings: parts, container };
    const hit = findPart(part.parts ?? [], id, part);
    if (hit) return hit;
  }
  return undefined;
}

function insertBeside<T>(list: T[], target: T, items: readonly T[] | undefined, before: boolean): void {
  if (!items || items.length === 0) return;
  const index = list.indexOf(target);
  list.splice(before ? index : index + 1, 0, ...items);
}

/** Applies one `add`; returns false when its `by-id` target does not exist. */
function applyAdd(control: ControlModel, add: AlterAdd): boolean {
  const position = add.position ?? 'ending';
  if (add.title !== undefined) control.title = add.title;
  const byId = add['by-id'];
  if (byId === undefined || byId === control.id) {
    const atStart = position === 'starting' || position === 'before';
    control.params = place(control.params, add.params, atStart) ?? [];
    control.props = place(control.props, add.props, atStart) ?? [];
    const links = place(control.links, add.links, atStart);
    if (links !== undefined && links.length > 0) control.links = links;
    control.parts = place(control.parts, add.parts, atStart) ?? [];
    return true;
  }
  const param = control.params.find((p) => p.id === byId);
  if (param) {
    if (position === 'before' || position === 'after') {
      insertBeside(control.params, param, add.params, position === 'before');
    } else {
      const atStart = position === 'starting';
      const props = place(param.props, add.props, atStart);
      if (props) param.props = props;
      const links = place(param.links, add.links, atStart);
      if (links) param.links = links;
      control.params = place(control.params, add.params, atStart) ?? [];
    }
    control.parts = place(control.parts, add.parts, false) ?? [];
    return true;
  }
  const hit = findPart(control.parts, byId, control);
  if (!hit) return false;
  if (position === 'before' || position === 'after') {
    const before = position === 'before';
    insertBeside(hit.siblings, hit.part, add.parts, before);
    hit.container.props = place(hit.container.props, add.props, before);
    hit.container.links = place(hit.container.links, add.links, before);
  } else {
    const atStart = position === 'starting';
    const parts = place(hit.part.parts, add.parts, atStart);
    if (parts) hit.part.parts = parts;
    const props = place(hit.part.props, add.props, atStart);
    if (props) hit.part.props = props;
    const links = place(hit.part.links, add.links, atStart);
    if (links) hit.part.links = links;
  }
  control.params = place(control.params, add.params, false) ?? [];
  return true;
}

/**
 * Resolves a profile into a catalog model. `sources` maps import hrefs to catalogs (or profiles):
 * for `#uuid` imports the candidates are the href itself, then the back-matter resource's rlinks
 * (JSON ones first); for each candidate a table is consulted by exact key, then by file name.
 *
 * Throws `OscalImportError` for an import that cannot be resolved (`unresolved-import`), a selected,
 * excluded or altered control id that does not exist (`missing-control`, pointer names the id's
 * place in the profile), clashing control ids without `combine: use-first` (`duplicate-id`), and
 * import cycles. Unmatched set-parameters and similar soft issues are returned as warnings.
 */
export function resolveProfile(
  profile: ProfileModel,
  sources: ImportSources,
  options: ResolveProfileOptions = {},
): ProfileResolution {
  const resolver = new Resolver(sources, [profile.uuid]);
  const catalog = resolver.resolve(profile, options);
  const seen = new Map<string, string>();
  for (const f of flattenControls(catalog)) {
    const first = seen.get(f.control.id);
    if (first !== undefined) {
      throw new OscalImportError(
        'duplicate-id',
        f.pointer,
        `resolved catalog has control "${f.control.id}" twice`,
        {
          pointers: [first, f.pointer],
        },
      );
    }
    seen.set(f.control.id, f.pointer);
  }
  return { catalog, warnings: resolver.warnings };
}
