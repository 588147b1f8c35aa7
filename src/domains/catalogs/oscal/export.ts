/**
 * OSCAL export: writes a `CatalogModel` as an OSCAL catalog document (JSON value, not text) that
 * validates against the OSCAL 1.1.3 catalog schema, provided the model came from a schema-valid
 * document or was built from valid parts. Empty arrays are omitted (OSCAL requires minItems 1), and
 * fields the model keeps raw (`extra`, `rootExtra`, `metadataExtra`) are written back unchanged, so
 * that parse(export(model)) deep-equals model.
 */
import type { CatalogJson, CatalogModel, ControlModel, GroupModel } from './model.ts';

/** An OSCAL catalog document as written by `exportOscalCatalog`. */
export interface OscalCatalogDocument {
  $schema?: string;
  catalog: CatalogJson;
  [key: string]: unknown;
}

export interface ExportOscalOptions {
  /** `metadata.oscal-version` to write; default: the model's, else 1.1.3. */
  oscalVersion?: string;
  /** `metadata.last-modified` when the model has none; default: now. */
  lastModified?: string;
}

export const DEFAULT_OSCAL_VERSION = '1.1.3';

/** Metadata members in the order of the OSCAL schema, for stable, readable output. */
const METADATA_ORDER = [
  'title',
  'published',
  'last-modified',
  'version',
  'oscal-version',
  'revisions',
  'document-ids',
  'props',
  'links',
  'roles',
  'locations',
  'parties',
  'responsible-parties',
  'actions',
  'remarks',
];

type Json = Record<string, unknown>;

function setIf(target: Json, key: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  target[key] = value;
}

function addExtra(target: Json, extra: Record<string, unknown> | undefined): void {
  if (!extra) return;
  for (const [key, value] of Object.entries(extra)) {
    if (Object.hasOwn(target, key)) continue; // a model field wins over a stray raw field
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

function controlToJson(control: ControlModel): Json {
  const out: Json = { id: control.id };
  setIf(out, 'class', control.class);
  out.title = control.title;
  setIf(out, 'params', control.params);
  setIf(out, 'props', control.props);
  setIf(out, 'links', control.links);
  setIf(out, 'parts', control.parts);
  setIf(out, 'controls', control.controls.map(controlToJson));
  addExtra(out, control.extra);
  return out;
}

function groupToJson(group: GroupModel): Json {
  const out: Json = {};
  setIf(out, 'id', group.id);
  setIf(out, 'class', group.class);
  out.title = group.title;
  setIf(out, 'params', group.params);
  setIf(out, 'props', group.props);
  setIf(out, 'links', group.links);
  setIf(out, 'parts', group.parts);
  setIf(out, 'groups', group.groups.map(groupToJson));
  setIf(out, 'controls', group.controls.map(controlToJson));
  addExtra(out, group.extra);
  return out;
}

/** The OSCAL catalog document for a model: `{ catalog: … }` plus any kept root fields (`$schema`). */
export function exportOscalCatalog(
  model: CatalogModel,
  options: ExportOscalOptions = {},
): OscalCatalogDocument {
  const known: Json = {
    title: model.title,
    'last-modified': model.lastModified ?? options.lastModified ?? new Date().toISOString(),
    version: model.version,
    'oscal-version': options.oscalVersion ?? model.oscalVersion ?? DEFAULT_OSCAL_VERSION,
  };
  const metadata: Json = {};
  for (const key of METADATA_ORDER) {
    const value = Object.hasOwn(known, key) ? known[key] : model.metadataExtra[key];
    if (value !== undefined) metadata[key] = value;
  }
  addExtra(metadata, model.metadataExtra);

  const catalog: Json = { uuid: model.uuid, metadata };
  setIf(catalog, 'params', model.params);
  setIf(catalog, 'controls', model.controls.map(controlToJson));
  setIf(catalog, 'groups', model.groups.map(groupToJson));
  setIf(catalog, 'back-matter', model.backMatter);
  addExtra(catalog, model.extra);

  const doc: Json = {};
  if (model.rootExtra && Object.hasOwn(model.rootExtra, '$schema')) doc.$schema = model.rootExtra.$schema;
  doc.catalog = catalog;
  addExtra(doc, model.rootExtra);
  // A fresh tree: the caller may modify the result without touching the model.
  return structuredClone(doc) as OscalCatalogDocument;
}
