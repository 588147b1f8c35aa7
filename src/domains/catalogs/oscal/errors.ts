/**
 * The one error type the OSCAL module throws on purpose. Every failure that is caused by the input
 * (bad JSON, schema violations, duplicate ids, unresolvable profile imports, …) surfaces as an
 * `OscalImportError` with a JSON pointer (RFC 6901) into the offending document.
 */

export type OscalImportErrorCode =
  /** Not JSON text, or a JS value that is not a plain JSON tree (cycle, function, NaN, too deep). */
  | 'invalid-json'
  /** The root is not an object with exactly one of `catalog`, `profile`, `mapping-collection`. */
  | 'unsupported-document'
  /** Rejected by the official OSCAL JSON schema. */
  | 'schema-invalid'
  /** Rejected by the structural (zod) validation that runs with or without the JSON schema. */
  | 'structure-invalid'
  /** Two controls share one id. `pointers` names both. */
  | 'duplicate-id'
  /** A profile selects or alters a control id that its source does not contain. */
  | 'missing-control'
  /** A profile import could not be resolved to a catalog. */
  | 'unresolved-import'
  /** A profile imports itself, directly or indirectly. */
  | 'import-cycle'
  /** JSON schema validation was required but no schema is available. */
  | 'schema-unavailable';

export class OscalImportError extends Error {
  override readonly name = 'OscalImportError';
  readonly code: OscalImportErrorCode;
  /** JSON pointer of the offending element ('' = the document root). */
  readonly pointer: string;
  /** All pointers involved, e.g. both occurrences of a duplicate id (`pointer` is the later one). */
  readonly pointers: readonly string[];

  constructor(
    code: OscalImportErrorCode,
    pointer: string,
    message: string,
    options?: { pointers?: string[] },
  ) {
    super(`${pointer === '' ? '(document root)' : pointer}: ${message}`);
    this.code = code;
    this.pointer = pointer;
    this.pointers = options?.pointers ?? [pointer];
  }
}

/** A non-fatal finding, e.g. a set-parameter whose parameter does not exist. */
export interface OscalWarning {
  code: string;
  pointer: string;
  message: string;
}

/** Escapes one reference token per RFC 6901. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON pointer from path segments: `['catalog', 'groups', 3]` → `/catalog/groups/3`. */
export function toPointer(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) out += `/${escapePointerToken(segment)}`;
  return out;
}
