/**
 * OSCAL import: detects the document kind (catalog, profile, mapping-collection), validates it
 * against the official JSON schema when one is configured, always validates its structure with zod,
 * and converts it into Bastei's model. Every input-caused failure is an `OscalImportError` carrying
 * the JSON pointer of the offending element.
 */
import type { z } from 'zod';
import { OscalImportError, type OscalWarning, toPointer } from './errors.ts';
import {
  type CrossReference,
  crossReferences,
  type MappingCollectionModel,
  mappingCollectionDocumentSchema,
  mappingCollectionFromJson,
} from './mapping.ts';
import {
  type CatalogJson,
  type CatalogModel,
  type ControlJson,
  type ControlModel,
  catalogDocumentSchema,
  flattenControls,
  type GroupJson,
  type GroupModel,
} from './model.ts';
import { type ProfileModel, profileDocumentSchema, profileFromJson } from './profile.ts';
import { type OscalDocumentKind, type SchemaConfig, validateAgainstSchema } from './schema.ts';

export { OscalImportError, type OscalImportErrorCode, type OscalWarning } from './errors.ts';
export { type CrossReference, crossReferences, type MappingCollectionModel } from './mapping.ts';
export {
  type CatalogSource,
  type ImportContext,
  type ImportResolver,
  type ImportSources,
  type ProfileModel,
  type ProfileResolution,
  type ResolveProfileOptions,
  resolveProfile,
} from './profile.ts';
export type { OscalDocumentKind, SchemaConfig, SchemaSource } from './schema.ts';

export interface ParseOscalOptions extends SchemaConfig {
  /** Fail with `schema-unavailable` instead of falling back to structural validation. */
  requireSchema?: boolean;
  /** Maximum nesting depth of the JSON tree (default 200; the BSI Kernel catalog needs < 20). */
  maxDepth?: number;
  /** Reject documents of any other kind. */
  expect?: OscalDocumentKind;
}

interface ResultBase {
  /** `json-schema`: official schema and structure checked; `structural`: zod structure only. */
  validation: 'json-schema' | 'structural';
  /** The schema used (file path or `$id`), when `validation` is `json-schema`. */
  schema?: string;
  /** `metadata.oscal-version` of the document. */
  oscalVersion: string;
  warnings: OscalWarning[];
}

export type OscalImportResult =
  | (ResultBase & { kind: 'catalog'; catalog: CatalogModel })
  | (ResultBase & { kind: 'profile'; profile: ProfileModel })
  | (ResultBase & {
      kind: 'mapping-collection';
      mappingCollection: MappingCollectionModel;
      crossReferences: CrossReference[];
    });

const KINDS: readonly OscalDocumentKind[] = ['catalog', 'profile', 'mapping-collection'];
const DEFAULT_MAX_DEPTH = 200;

/**
 * Copies a JSON value, checking on the way that it is a finite, acyclic tree of plain JSON values no
 * deeper than `maxDepth` (so that later recursive steps cannot overflow the stack). Object members
 * whose value is `undefined` are dropped, as JSON.stringify would.
 */
function copyJsonTree(root: unknown, maxDepth: number): unknown {
  const path: (string | number)[] = [];
  const active = new Set<object>();
  const fail = (message: string): never => {
    throw new OscalImportError('invalid-json', toPointer(path), message);
  };
  const walk = (value: unknown, depth: number): unknown => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        return Number.isFinite(value) ? value : fail('number is not finite');
      case 'object': {
        if (value === null) return null;
        if (depth >= maxDepth) fail(`nested deeper than ${maxDepth} levels`);
        if (active.has(value)) fail('cyclic structure');
        active.add(value);
        let out: unknown;
        if (Array.isArray(value)) {
          const arr = new Array<unknown>(value.length);
          for (let i = 0; i < value.length; i++) {
            path.push(i);
            arr[i] = walk(value[i], depth + 1);
            path.pop();
          }
          out = arr;
        } else {
          const proto: unknown = Object.getPrototypeOf(value);
          if (proto !== Object.prototype && proto !== null) fail('not a plain JSON object');
          const obj: Record<string, unknown> = {};
          for (const key of Object.keys(value)) {
            const member = (value as Record<string, unknown>)[key];
            if (member === undefined) continue;
            path.push(key);
            // defineProperty: a member literally named "__proto__" must stay a member
            Object.defineProperty(obj, key, {
              value: walk(member, depth + 1),
              enumerable: true,
              writable: true,
              configurable: true,
            });
            path.pop();
          }
          out = obj;
        }
        active.delete(value);
        return out;
      }
      default:
        return fail(`${typeof value} is not a JSON value`);
    }
  };
  return walk(root, 0);
}

function readInput(json: unknown): unknown {
  if (typeof json === 'string' || json instanceof Uint8Array) {
    const decoded = typeof json === 'string' ? json : new TextDecoder('utf-8').decode(json);
    const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new OscalImportError('invalid-json', '', `not valid JSON: ${(error as Error).message}`);
    }
  }
  return json;
}

function structural<T>(schema: z.ZodType<T>, doc: unknown): T {
  const result = schema.safeParse(doc);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const pointer = issue ? toPointer(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))) : '';
  throw new OscalImportError('structure-invalid', pointer, issue?.message ?? 'invalid OSCAL structure');
}

function extraOf(rest: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function controlFromJson(json: ControlJson): ControlModel {
  const { id, class: cls, title, params, props, links, parts, controls, ...rest } = json;
  const model: ControlModel = {
    id,
    title,
    props: props ?? [],
    params: params ?? [],
    parts: parts ?? [],
    controls: (controls ?? []).map(controlFromJson),
  };
  if (cls !== undefined) model.class = cls;
  if (links !== undefined && links.length > 0) model.links = links;
  const extra = extraOf(rest);
  if (extra) model.extra = extra;
  return model;
}

function groupFromJson(json: GroupJson): GroupModel {
  const { id, class: cls, title, params, props, links, parts, groups, controls, ...rest } = json;
  const model: GroupModel = {
    title,
    props: props ?? [],
    parts: parts ?? [],
    params: params ?? [],
    groups: (groups ?? []).map(groupFromJson),
    controls: (controls ?? []).map(controlFromJson),
  };
  if (id !== undefined) model.id = id;
  if (cls !== undefined) model.class = cls;
  if (links !== undefined && links.length > 0) model.links = links;
  const extra = extraOf(rest);
  if (extra) model.extra = extra;
  return model;
}

/** Converts a structurally valid OSCAL `catalog` object into the model. */
export function catalogFromJson(json: CatalogJson, rootExtra?: Record<string, unknown>): CatalogModel {
  const { uuid, metadata, params, controls, groups, 'back-matter': backMatter, ...rest } = json;
  const {
    title,
    version,
    'last-modified': lastModified,
    'oscal-version': oscalVersion,
    ...metadataExtra
  } = metadata;
  const model: CatalogModel = {
    uuid,
    title,
    version,
    lastModified,
    oscalVersion,
    metadataExtra,
    groups: (groups ?? []).map(groupFromJson),
    controls: (controls ?? []).map(controlFromJson),
  };
  if (params !== undefined && params.length > 0) model.params = params;
  if (backMatter !== undefined) model.backMatter = backMatter;
  const extra = extraOf(rest);
  if (extra) model.extra = extra;
  if (rootExtra && Object.keys(rootExtra).length > 0) model.rootExtra = rootExtra;
  return model;
}

/** Throws `duplicate-id` naming both places when two controls share an id. */
export function assertUniqueControlIds(model: CatalogModel): void {
  const seen = new Map<string, string>();
  for (const f of flattenControls(model)) {
    const first = seen.get(f.control.id);
    if (first !== undefined) {
      throw new OscalImportError(
        'duplicate-id',
        f.pointer,
        `duplicate control id "${f.control.id}" (first at ${first}, again at ${f.pointer})`,
        { pointers: [first, f.pointer] },
      );
    }
    seen.set(f.control.id, f.pointer);
  }
}

/**
 * Parses an OSCAL catalog, profile or mapping-collection. `json` is the parsed JSON value, or the
 * JSON text (string or UTF-8 bytes). The input is never modified or referenced by the result.
 */
export function parseOscalDocument(json: unknown, options: ParseOscalOptions = {}): OscalImportResult {
  const doc = copyJsonTree(readInput(json), options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new OscalImportError('unsupported-document', '', 'an OSCAL document must be a JSON object');
  }
  const root = doc as Record<string, unknown>;
  const present = KINDS.filter((k) => Object.hasOwn(root, k));
  const kind = present[0];
  if (kind === undefined) {
    const keys = Object.keys(root).filter((k) => k !== '$schema');
    throw new OscalImportError(
      'unsupported-document',
      keys[0] === undefined ? '' : toPointer([keys[0]]),
      `expected a catalog, profile or mapping-collection, found ${keys.length > 0 ? keys.map((k) => `"${k}"`).join(', ') : 'no model'}`,
    );
  }
  if (present.length > 1) {
    throw new OscalImportError(
      'unsupported-document',
      toPointer([present[1] ?? '']),
      'more than one OSCAL model at the root',
    );
  }
  if (options.expect !== undefined && options.expect !== kind) {
    throw new OscalImportError(
      'unsupported-document',
      toPointer([kind]),
      `expected a ${options.expect}, found a ${kind}`,
    );
  }
  const body = root[kind];
  const metadata =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>).metadata : undefined;
  const rawVersion =
    metadata !== null && typeof metadata === 'object'
      ? (metadata as Record<string, unknown>)['oscal-version']
      : undefined;
  const docVersion = typeof rawVersion === 'string' ? rawVersion : undefined;

  const checked = validateAgainstSchema(kind, doc, docVersion, options, options.requireSchema ?? false);
  const { [kind]: _body, ...rootRest } = root;
  const rootExtra = extraOf(rootRest);
  const base: ResultBase = {
    validation: checked.mode,
    oscalVersion: docVersion ?? '',
    warnings: checked.warnings,
  };
  if (checked.schema !== undefined) base.schema = checked.schema;

  switch (kind) {
    case 'catalog': {
      const data = structural(catalogDocumentSchema, doc);
      const catalog = catalogFromJson(data.catalog, rootExtra);
      assertUniqueControlIds(catalog);
      return { ...base, kind, catalog };
    }
    case 'profile': {
      const data = structural(profileDocumentSchema, doc);
      return { ...base, kind, profile: profileFromJson(data.profile, rootExtra) };
    }
    case 'mapping-collection': {
      const data = structural(mappingCollectionDocumentSchema, doc);
      const mappingCollection = mappingCollectionFromJson(data['mapping-collection'], rootExtra);
      return { ...base, kind, mappingCollection, crossReferences: crossReferences(mappingCollection) };
    }
  }
}

/** `parseOscalDocument` for callers that need a catalog; anything else is `unsupported-document`. */
export function parseOscalCatalog(json: unknown, options: ParseOscalOptions = {}): CatalogModel {
  const result = parseOscalDocument(json, { ...options, expect: 'catalog' });
  if (result.kind !== 'catalog') throw new OscalImportError('unsupported-document', '', 'not a catalog');
  return result.catalog;
}

/** `parseOscalDocument` for callers that need a profile. */
export function parseOscalProfile(json: unknown, options: ParseOscalOptions = {}): ProfileModel {
  const result = parseOscalDocument(json, { ...options, expect: 'profile' });
  if (result.kind !== 'profile') throw new OscalImportError('unsupported-document', '', 'not a profile');
  return result.profile;
}
