/**
 * Between the OSCAL catalog model (oscal/) and the catalog tables (migrations/…_catalogs.sql).
 *
 * `catalogRows` turns a `CatalogModel` into rows: one per group and one per control (nested ones
 * included), with the columns Bastei queries (title, statement, guidance, level, effort, modal
 * verb, references, measure templates) derived from the OSCAL props and parts, and in `data` the
 * OSCAL JSON of the group/control itself without its nested groups/controls (which are rows of
 * their own). `catalogJsonFromRows` puts that tree back together; `catalogFromJson` +
 * `exportOscalCatalog` then write the same document again (import → export → import round-trips).
 */
import { randomUUID } from 'node:crypto';
import type { CatalogEffort, CatalogLevel, MeasureTemplateType } from '../../platform/db/schema.ts';
import { OscalImportError } from './oscal/errors.ts';
import {
  type CatalogJson,
  type CatalogModel,
  type ControlModel,
  catalogFromJson,
  type GroupModel,
  type Part,
  type Prop,
  requirementView,
} from './oscal/index.ts';
import { EFFORTS, MEASURE_TYPES } from './schemas.ts';

/** Namespace of the props and parts Bastei writes itself (Bastei-Basis, exports of it). */
export const BASTEI_NS = 'urn:bastei:oscal';

/**
 * Level mapping. Bastei's own `level` prop (ns BASTEI_NS) is taken as it is. Otherwise the first
 * level prop that `requirementView` finds (BSI `sec_level`, `baseline`, `baseline-impact`,
 * `priority`) is mapped where the meaning matches:
 *   BSI sec_level  normal-SdT (Stand der Technik, normal protection needs) → standard
 *                  erhöht (elevated protection needs)                       → elevated
 *   basis | standard | elevated (already ours)                             → the same
 * Anything else (e.g. NIST priority P1) leaves `level` null; the raw value is kept in `level_raw`.
 */
// a Map, not an object literal: a raw value such as "__proto__" must not find Object.prototype
const LEVEL_MAP: ReadonlyMap<string, CatalogLevel> = new Map([
  ['normal-sdt', 'standard'],
  ['erhöht', 'elevated'],
  ['erhoeht', 'elevated'],
  ['basis', 'basis'],
  ['standard', 'standard'],
  ['elevated', 'elevated'],
]);

/**
 * Effort mapping. Bastei's own `effort` prop (ns BASTEI_NS) is taken as it is. BSI `effort_level`
 * (0 = no extra effort … 5 = very high effort) is banded: 0–1 → low, 2–3 → medium, 4–5 → high.
 * Other values leave `effort` null; the raw value is kept in `effort_raw`.
 */
export function mapEffort(raw: string | undefined): CatalogEffort | null {
  if (raw === undefined) return null;
  if ((EFFORTS as readonly string[]).includes(raw)) return raw as CatalogEffort;
  if (!/^[0-5]$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n <= 1 ? 'low' : n <= 3 ? 'medium' : 'high';
}

export function mapLevel(raw: string | undefined): CatalogLevel | null {
  if (raw === undefined) return null;
  return LEVEL_MAP.get(raw.trim().toLowerCase()) ?? null;
}

const own = (props: readonly Prop[] | undefined, name: string): Prop[] =>
  (props ?? []).filter((p) => p.name === name && p.ns === BASTEI_NS);

/** Bastei's English translation part of a control, group or measure-template part. */
export function translationOf(parts: readonly Part[] | undefined, lang = 'en'): Part | undefined {
  return (parts ?? []).find(
    (p) =>
      p.name === 'translation' &&
      p.ns === BASTEI_NS &&
      p.props?.some((q) => q.name === 'lang' && q.value === lang),
  );
}

const proseOfNamed = (parts: readonly Part[] | undefined, name: string): string | null => {
  const texts = (parts ?? [])
    .filter((p) => p.name === name && typeof p.prose === 'string')
    .map((p) => p.prose);
  return texts.length > 0 ? texts.join('\n') : null;
};

type Json = Record<string, unknown>;

function setIf(target: Json, key: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  target[key] = value;
}

function addExtra(target: Json, extra: Record<string, unknown> | undefined): void {
  if (!extra) return;
  for (const [key, value] of Object.entries(extra)) {
    if (Object.hasOwn(target, key)) continue;
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

/** OSCAL JSON of a control without its nested controls (member order as in export.ts). */
export function controlData(control: ControlModel): Json {
  const out: Json = { id: control.id };
  setIf(out, 'class', control.class);
  out.title = control.title;
  setIf(out, 'params', control.params);
  setIf(out, 'props', control.props);
  setIf(out, 'links', control.links);
  setIf(out, 'parts', control.parts);
  addExtra(out, control.extra);
  return out;
}

/** OSCAL JSON of a group without its sub-groups and controls. */
export function groupData(group: GroupModel): Json {
  const out: Json = {};
  setIf(out, 'id', group.id);
  setIf(out, 'class', group.class);
  out.title = group.title;
  setIf(out, 'params', group.params);
  setIf(out, 'props', group.props);
  setIf(out, 'links', group.links);
  setIf(out, 'parts', group.parts);
  addExtra(out, group.extra);
  return out;
}

/** What `catalogs.metadata` holds: everything of the catalog object except its groups and controls. */
export interface StoredCatalogMetadata {
  /** The OSCAL `catalog.uuid` as given (also in `catalogs.oscal_uuid` when it is a uuid). */
  uuid: string;
  /** The full OSCAL `metadata` object. */
  metadata: Json;
  params?: unknown[];
  backMatter?: unknown;
  /** Unknown members of the catalog object. */
  extra?: Json;
  /** Members of the document root other than `catalog` (e.g. `$schema`). */
  rootExtra?: Json;
  /** Where a resolved profile came from. */
  profile?: { uuid: string; title: string; version: string };
}

export function storedMetadata(model: CatalogModel): StoredCatalogMetadata {
  const metadata: Json = {
    title: model.title,
    'last-modified': model.lastModified,
    version: model.version,
    'oscal-version': model.oscalVersion,
  };
  addExtra(metadata, model.metadataExtra);
  for (const key of Object.keys(metadata)) if (metadata[key] === undefined) delete metadata[key];
  const out: StoredCatalogMetadata = { uuid: model.uuid, metadata };
  if (model.params && model.params.length > 0) out.params = model.params;
  if (model.backMatter !== undefined) out.backMatter = model.backMatter;
  if (model.extra) out.extra = model.extra;
  if (model.rootExtra) out.rootExtra = model.rootExtra;
  return out;
}

export interface GroupRowInput {
  id: string;
  parent_id: string | null;
  group_key: string | null;
  title: string;
  title_en: string | null;
  position: number;
  ordinal: number;
  data: Json;
}

export interface RequirementRowInput {
  id: string;
  group_id: string | null;
  parent_id: string | null;
  requirement_key: string;
  position: number;
  ordinal: number;
  depth: number;
  title: string;
  title_en: string | null;
  statement: string | null;
  statement_en: string | null;
  guidance: string | null;
  guidance_en: string | null;
  level: CatalogLevel | null;
  level_raw: string | null;
  effort: CatalogEffort | null;
  effort_raw: string | null;
  modal_verb: string | null;
  references: Json;
  data: Json;
}

export interface MeasureTemplateRowInput {
  requirement_id: string;
  template_key: string;
  type: MeasureTemplateType;
  title: string;
  title_en: string | null;
  description: string | null;
  description_en: string | null;
  position: number;
}

export interface CatalogRows {
  groups: GroupRowInput[];
  requirements: RequirementRowInput[];
  measureTemplates: MeasureTemplateRowInput[];
}

const MAX_ID_LENGTH = 200;

function requirementColumns(control: ControlModel, pointer: string) {
  if (control.id.length > MAX_ID_LENGTH) {
    throw new OscalImportError(
      'structure-invalid',
      `${pointer}/id`,
      `control id longer than ${MAX_ID_LENGTH} characters`,
    );
  }
  const view = requirementView(control);
  const ownLevel = own(control.props, 'level')[0]?.value;
  const levelRaw = ownLevel ?? view.level;
  const ownEffort = own(control.props, 'effort')[0]?.value;
  const effortRaw = ownEffort ?? view.effort;
  const translation = translationOf(control.parts);
  const references: Json = {};
  const itgs = own(control.props, 'it-grundschutz').map((p) => p.value);
  const gspp = own(control.props, 'grundschutz-plus-plus').map((p) => p.value);
  if (itgs.length > 0) references.itGrundschutz = itgs;
  if (gspp.length > 0) references.grundschutzPlusPlus = gspp;
  const related = (control.links ?? [])
    .filter((l) => l.href.startsWith('#') && l.href.length > 1)
    .map((l) => l.href.slice(1));
  if (related.length > 0) references.related = related;
  const altIds = control.props.filter((p) => p.name === 'alt-identifier').map((p) => p.value);
  if (altIds.length > 0) references.altIdentifiers = altIds;
  return {
    title: control.title,
    title_en: translation?.title ?? null,
    statement: view.statement,
    statement_en: proseOfNamed(translation?.parts, 'statement'),
    guidance: view.guidance,
    guidance_en: proseOfNamed(translation?.parts, 'guidance'),
    level: mapLevel(levelRaw),
    level_raw: levelRaw ?? null,
    effort: mapEffort(effortRaw),
    effort_raw: effortRaw ?? null,
    modal_verb: view.modalVerb ?? null,
    references,
  };
}

function measureTemplates(
  control: ControlModel,
  requirementId: string,
  pointer: string,
): MeasureTemplateRowInput[] {
  const out: MeasureTemplateRowInput[] = [];
  const keys = new Set<string>();
  control.parts.forEach((part, index) => {
    if (part.name !== 'measure-template' || part.ns !== BASTEI_NS) return;
    const at = `${pointer}/parts/${index}`;
    const type = own(part.props, 'type')[0]?.value ?? part.class;
    if (!type || !(MEASURE_TYPES as readonly string[]).includes(type)) {
      throw new OscalImportError(
        'structure-invalid',
        `${at}/class`,
        `measure template type must be one of ${MEASURE_TYPES.join(', ')}`,
      );
    }
    const key = part.id ?? `${control.id}-M${out.length + 1}`;
    if (keys.has(key)) {
      throw new OscalImportError('duplicate-id', `${at}/id`, `duplicate measure template id "${key}"`);
    }
    keys.add(key);
    const translation = translationOf(part.parts);
    out.push({
      requirement_id: requirementId,
      template_key: key,
      type: type as MeasureTemplateType,
      title: part.title ?? key,
      title_en: translation?.title ?? null,
      description: part.prose ?? null,
      description_en: translation?.prose ?? null,
      position: out.length,
    });
  });
  return out;
}

/** Rows for every group and control of the model, in document order, with fresh ids. */
export function catalogRows(model: CatalogModel): CatalogRows {
  const rows: CatalogRows = { groups: [], requirements: [], measureTemplates: [] };
  const visitControls = (
    controls: readonly ControlModel[],
    base: string,
    groupId: string | null,
    parentId: string | null,
    depth: number,
  ): void => {
    controls.forEach((control, position) => {
      const pointer = `${base}/controls/${position}`;
      const id = randomUUID();
      rows.requirements.push({
        id,
        group_id: groupId,
        parent_id: parentId,
        requirement_key: control.id,
        position,
        ordinal: rows.requirements.length,
        depth,
        ...requirementColumns(control, pointer),
        data: controlData(control),
      });
      rows.measureTemplates.push(...measureTemplates(control, id, pointer));
      visitControls(control.controls, pointer, groupId, id, depth + 1);
    });
  };
  const visitGroups = (groups: readonly GroupModel[], base: string, parentId: string | null): void => {
    groups.forEach((group, position) => {
      const pointer = `${base}/groups/${position}`;
      const id = randomUUID();
      rows.groups.push({
        id,
        parent_id: parentId,
        group_key: group.id ?? null,
        title: group.title,
        title_en: translationOf(group.parts)?.title ?? null,
        position,
        ordinal: rows.groups.length,
        data: groupData(group),
      });
      // OSCAL JSON order: a group's controls come before its sub-groups.
      visitControls(group.controls, pointer, id, null, 0);
      visitGroups(group.groups, pointer, id);
    });
  };
  visitControls(model.controls, '/catalog', null, null, 0);
  visitGroups(model.groups, '/catalog', null);
  return rows;
}

/** The stored shape the export needs, read back from the tables. */
export interface StoredGroup {
  id: string;
  parent_id: string | null;
  position: number;
  data: Record<string, unknown>;
}
export interface StoredRequirement {
  id: string;
  group_id: string | null;
  parent_id: string | null;
  position: number;
  data: Record<string, unknown> | null;
}

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

/** Rebuilds the OSCAL `catalog` object from the rows and returns the model of it. */
export function catalogModelFromRows(
  oscalUuid: string | null,
  meta: StoredCatalogMetadata,
  groups: readonly StoredGroup[],
  requirements: readonly StoredRequirement[],
): CatalogModel {
  const childControls = new Map<string | null, StoredRequirement[]>();
  const groupControls = new Map<string | null, StoredRequirement[]>();
  for (const r of requirements) {
    if (r.parent_id !== null) {
      const list = childControls.get(r.parent_id) ?? [];
      list.push(r);
      childControls.set(r.parent_id, list);
    } else {
      const list = groupControls.get(r.group_id) ?? [];
      list.push(r);
      groupControls.set(r.group_id, list);
    }
  }
  const subGroups = new Map<string | null, StoredGroup[]>();
  for (const g of groups) {
    const list = subGroups.get(g.parent_id) ?? [];
    list.push(g);
    subGroups.set(g.parent_id, list);
  }
  const controlJson = (r: StoredRequirement): Json => {
    const out: Json = { ...(r.data ?? {}) };
    const children = (childControls.get(r.id) ?? []).sort(byPosition).map(controlJson);
    if (children.length > 0) out.controls = children;
    return out;
  };
  const groupJson = (g: StoredGroup): Json => {
    const out: Json = { ...g.data };
    const controls = (groupControls.get(g.id) ?? []).sort(byPosition).map(controlJson);
    const nested = (subGroups.get(g.id) ?? []).sort(byPosition).map(groupJson);
    if (nested.length > 0) out.groups = nested;
    if (controls.length > 0) out.controls = controls;
    return out;
  };
  const catalog: Json = { uuid: meta.uuid ?? oscalUuid, metadata: meta.metadata };
  if (meta.params) catalog.params = meta.params;
  const topControls = (groupControls.get(null) ?? []).sort(byPosition).map(controlJson);
  if (topControls.length > 0) catalog.controls = topControls;
  const topGroups = (subGroups.get(null) ?? []).sort(byPosition).map(groupJson);
  if (topGroups.length > 0) catalog.groups = topGroups;
  if (meta.backMatter !== undefined) catalog['back-matter'] = meta.backMatter;
  addExtra(catalog, meta.extra);
  // The rows were written from a validated model, so the shape is a CatalogJson again.
  return catalogFromJson(catalog as CatalogJson, meta.rootExtra);
}
