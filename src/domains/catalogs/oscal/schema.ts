/**
 * Validation against the official OSCAL JSON schemas (draft-07) with ajv 8 + ajv-formats.
 *
 * The schemas are not bundled: the caller passes a folder (`schemaDir`, files named
 * `oscal_<model>_schema.json`, optionally further versions in sub-folders such as `v1.2.1/`) or the
 * schema objects themselves. Without any schema the importer falls back to structural validation.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { OscalImportError, type OscalWarning } from './errors.ts';

export type OscalDocumentKind = 'catalog' | 'profile' | 'mapping-collection';

/** A schema file (path or file: URL) or an already parsed schema object. */
export type SchemaSource = string | URL | Record<string, unknown>;

export interface SchemaConfig {
  /** Folder holding `oscal_catalog_schema.json`, `oscal_profile_schema.json`, … and optional `vX.Y.Z/` sub-folders. */
  schemaDir?: string | URL;
  /** Explicit schemas per document kind; they take precedence over `schemaDir`. */
  schemas?: Partial<Record<OscalDocumentKind, SchemaSource | SchemaSource[]>>;
}

const FILE_STEM: Record<OscalDocumentKind, string> = {
  catalog: 'catalog',
  profile: 'profile',
  'mapping-collection': 'mapping',
};

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module
// object in the type system but the plugin function at run time. Accept both shapes.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  typeof addFormatsImport === 'function'
    ? (addFormatsImport as unknown as FormatsPlugin)
    : ((addFormatsImport as unknown as { default: FormatsPlugin }).default as FormatsPlugin);

export interface LoadedSchema {
  schema: Record<string, unknown>;
  /** OSCAL version from the schema `$id` (e.g. 1.1.3), if recognisable. */
  version: string | undefined;
  label: string;
}

const fileCache = new Map<string, LoadedSchema | null>();
const dirCache = new Map<string, LoadedSchema[]>();
const validatorCache = new WeakMap<object, ValidateFunction>();
const allErrorsValidatorCache = new WeakMap<object, ValidateFunction>();

function toPath(source: string | URL): string {
  return source instanceof URL
    ? fileURLToPath(source)
    : source.startsWith('file:')
      ? fileURLToPath(source)
      : source;
}

function schemaVersion(schema: Record<string, unknown>): string | undefined {
  const id = typeof schema.$id === 'string' ? schema.$id : '';
  return /\/oscal\/(\d+\.\d+\.\d+)\//.exec(id)?.[1];
}

function loadFile(path: string): LoadedSchema | null {
  const cached = fileCache.get(path);
  if (cached !== undefined) return cached;
  let loaded: LoadedSchema | null = null;
  try {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (schema !== null && typeof schema === 'object' && !Array.isArray(schema)) {
      const obj = schema as Record<string, unknown>;
      loaded = { schema: obj, version: schemaVersion(obj), label: path };
    }
  } catch {
    loaded = null;
  }
  fileCache.set(path, loaded);
  return loaded;
}

function loadSource(source: SchemaSource): LoadedSchema | null {
  if (typeof source === 'string' || source instanceof URL) return loadFile(toPath(source));
  return { schema: source, version: schemaVersion(source), label: String(source.$id ?? '(schema object)') };
}

function loadDir(dir: string, kind: OscalDocumentKind): LoadedSchema[] {
  const key = `${dir}\u0000${kind}`;
  const cached = dirCache.get(key);
  if (cached) return cached;
  const file = `oscal_${FILE_STEM[kind]}_schema.json`;
  const found: LoadedSchema[] = [];
  if (existsSync(dir)) {
    const top = loadFile(join(dir, file));
    if (top) found.push(top);
    for (const entry of readdirSync(dir)) {
      if (!/^v?\d+\.\d+\.\d+$/.test(entry)) continue;
      const sub = join(dir, entry);
      if (!statSync(sub).isDirectory()) continue;
      const loaded = loadFile(join(sub, file));
      if (loaded) found.push(loaded);
    }
  }
  dirCache.set(key, found);
  return found;
}

type Version = [number, number, number];

function parseVersion(v: string | undefined): Version | undefined {
  const m = v === undefined ? null : /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Picks the schema for a document version: exact match; else same major.minor (highest patch);
 * else the highest older version of the same major; else the lowest newer one of the same major;
 * else the highest available.
 */
function pickSchema(candidates: LoadedSchema[], docVersion: string | undefined): LoadedSchema | undefined {
  if (candidates.length <= 1) return candidates[0];
  const doc = parseVersion(docVersion);
  const withVersion = candidates
    .map((c) => ({ c, v: parseVersion(c.version) }))
    .filter((x): x is { c: LoadedSchema; v: Version } => x.v !== undefined)
    .sort((a, b) => compareVersions(b.v, a.v));
  if (withVersion.length === 0) return candidates[0];
  if (doc) {
    const exact = withVersion.find((x) => compareVersions(x.v, doc) === 0);
    if (exact) return exact.c;
    const sameMinor = withVersion.find((x) => x.v[0] === doc[0] && x.v[1] === doc[1]);
    if (sameMinor) return sameMinor.c;
    const older = withVersion.find((x) => x.v[0] === doc[0] && compareVersions(x.v, doc) < 0);
    if (older) return older.c;
    const newer = [...withVersion].reverse().find((x) => x.v[0] === doc[0] && compareVersions(x.v, doc) > 0);
    if (newer) return newer.c;
  }
  return withVersion[0]?.c;
}

/** The schema that would be used for a document of this kind and version, if any. */
export function findSchema(
  kind: OscalDocumentKind,
  docVersion: string | undefined,
  config: SchemaConfig,
): LoadedSchema | undefined {
  const explicit = config.schemas?.[kind];
  if (explicit !== undefined) {
    const list = (Array.isArray(explicit) ? explicit : [explicit])
      .map(loadSource)
      .filter((x): x is LoadedSchema => x !== null);
    const picked = pickSchema(list, docVersion);
    if (picked) return picked;
  }
  if (config.schemaDir !== undefined) return pickSchema(loadDir(toPath(config.schemaDir), kind), docVersion);
  return undefined;
}

function compile(schema: Record<string, unknown>, allErrors = false): ValidateFunction {
  const cache = allErrors ? allErrorsValidatorCache : validatorCache;
  const cached = cache.get(schema);
  if (cached) return cached;
  // strict:false: the OSCAL schemas are generated and use a few keywords strict mode would flag;
  // unicodeRegExp stays at its default (true), which the \p{L} token patterns need.
  const ajv = new Ajv({ strict: false, allErrors });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  cache.set(schema, validate);
  return validate;
}

const COMBINATORS = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'then', 'else', 'not']);

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${error.instancePath}/${escapeToken(params.missingProperty)}`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${error.instancePath}/${escapeToken(params.additionalProperty)}`;
  }
  return error.instancePath;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required but missing';
    case 'additionalProperties':
      return 'is not allowed here (property not defined by the OSCAL schema)';
    case 'enum':
      return `must be one of ${JSON.stringify(params.allowedValues)}`;
    default:
      return error.message ?? `violates "${error.keyword}"`;
  }
}

/** The most specific error: deepest instance path, combinator noise ignored. */
function bestError(errors: ErrorObject[]): ErrorObject | undefined {
  const specific = errors.filter((e) => !COMBINATORS.has(e.keyword));
  const pool = specific.length > 0 ? specific : errors;
  let best: ErrorObject | undefined;
  for (const e of pool) if (!best || pointerOf(e).length > pointerOf(best).length) best = e;
  return best;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function deleteAt(root: unknown, pointer: string): boolean {
  const tokens = pointer.split('/').slice(1).map(unescapeToken);
  const last = tokens.pop();
  let node: unknown = root;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[t];
  }
  if (last === undefined || node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  return delete (node as Record<string, unknown>)[last];
}

export interface SchemaValidationResult {
  mode: 'json-schema' | 'structural';
  /** `$id` or file of the schema used. */
  schema?: string;
  warnings: OscalWarning[];
}

/**
 * Validates `doc` against the schema for `kind`. Throws `OscalImportError('schema-invalid')` with the
 * pointer of the most specific violation. When the document declares a newer OSCAL version than the
 * newest available schema (e.g. a 1.2.2 mapping against the 1.2.1 schema), properties unknown to
 * that schema are reported as warnings instead of errors; everything else still fails.
 */
export function validateAgainstSchema(
  kind: OscalDocumentKind,
  doc: unknown,
  docVersion: string | undefined,
  config: SchemaConfig,
  requireSchema: boolean,
): SchemaValidationResult {
  const loaded = findSchema(kind, docVersion, config);
  if (!loaded) {
    if (requireSchema) {
      throw new OscalImportError('schema-unavailable', '', `no OSCAL JSON schema available for "${kind}"`);
    }
    const configured = config.schemaDir !== undefined || config.schemas?.[kind] !== undefined;
    const warnings: OscalWarning[] = configured
      ? [
          {
            code: 'schema-unavailable',
            pointer: '',
            message: `no OSCAL JSON schema found for "${kind}"; structural validation only`,
          },
        ]
      : [];
    return { mode: 'structural', warnings };
  }
  const validate = compile(loaded.schema);
  if (validate(doc)) return { mode: 'json-schema', schema: loaded.label, warnings: [] };

  const schemaV = parseVersion(loaded.version);
  const docV = parseVersion(docVersion);
  const lenient = schemaV !== undefined && docV !== undefined && compareVersions(docV, schemaV) > 0;
  const fail = (errors: ErrorObject[]): never => {
    const error = bestError(errors);
    const pointer = error ? pointerOf(error) : '';
    const message = error ? describe(error) : 'does not match the OSCAL JSON schema';
    throw new OscalImportError(
      'schema-invalid',
      pointer,
      `${message} [OSCAL ${loaded.version ?? '?'} ${kind} schema]`,
    );
  };
  if (!lenient) return fail(validate.errors ?? []);

  const warnings: OscalWarning[] = [];
  const copy = structuredClone(doc);
  const validateAll = compile(loaded.schema, true);
  // Each round removes the unknown properties ajv reports and validates again (a removal can
  // uncover properties nested in a removed one's siblings that a failed anyOf branch hid).
  for (let round = 0; round < 20; round++) {
    if (validateAll(copy)) return { mode: 'json-schema', schema: loaded.label, warnings };
    const errors = validateAll.errors ?? [];
    const unknown = errors.filter((e) => e.keyword === 'additionalProperties');
    const other = errors.filter((e) => e.keyword !== 'additionalProperties' && !COMBINATORS.has(e.keyword));
    if (unknown.length === 0 || other.length > 0) return fail(errors);
    let removed = false;
    for (const e of unknown) {
      const pointer = pointerOf(e);
      if (deleteAt(copy, pointer)) {
        removed = true;
        warnings.push({
          code: 'newer-oscal-version',
          pointer,
          message: `property unknown to the OSCAL ${loaded.version} schema accepted because the document declares OSCAL ${docVersion}`,
        });
      }
    }
    if (!removed) return fail(errors);
  }
  return fail(validateAll.errors ?? []);
}
