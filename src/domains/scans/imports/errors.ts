import { AppError, type ErrorCode } from '../../../platform/errors.ts';
import type { ScanFormat } from './finding.ts';

/**
 * Why an import failed, machine-readable:
 * - `malformed`: not well-formed XML/JSON/JSONL
 * - `truncated`: the input ended in the middle of the document
 * - `forbidden-dtd`: DOCTYPE with internal subset or external id, or ENTITY declarations
 * - `invalid-record`: well-formed, but a record does not have the shape the format requires
 * - `too-large`: the input (JSON) or one record (XML/JSONL) exceeds the configured limit
 * - `unknown-format`: `detectFormat` could not tell what the input is
 * - `read-failed`: the input stream itself failed (I/O error); see `cause`
 */
export type ScanImportErrorReason =
  | 'malformed'
  | 'truncated'
  | 'forbidden-dtd'
  | 'invalid-record'
  | 'too-large'
  | 'unknown-format'
  | 'read-failed';

export interface ScanImportErrorOptions {
  reason?: ScanImportErrorReason;
  /** 1-based line of the input, when known. */
  line?: number;
  /** 1-based column (characters) in that line, when known. */
  column?: number;
  /** Byte offset into the input, when known (for streams: bytes read so far). */
  offset?: number;
  cause?: unknown;
}

const CODE_FOR_REASON: Record<ScanImportErrorReason, ErrorCode> = {
  malformed: 'validation-failed',
  truncated: 'validation-failed',
  'forbidden-dtd': 'validation-failed',
  'invalid-record': 'validation-failed',
  'too-large': 'payload-too-large',
  'unknown-format': 'unsupported-media-type',
  'read-failed': 'validation-failed',
};

/** The only error type the report importers throw. */
export class ScanImportError extends AppError {
  readonly format: ScanFormat | 'unknown';
  readonly reason: ScanImportErrorReason;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly offset: number | undefined;
  /** The message without the position prefix. */
  readonly bareMessage: string;

  constructor(format: ScanFormat | 'unknown', message: string, options: ScanImportErrorOptions = {}) {
    const reason = options.reason ?? 'malformed';
    const where = [
      options.line !== undefined ? `line ${options.line}` : undefined,
      options.column !== undefined ? `column ${options.column}` : undefined,
      options.line === undefined && options.offset !== undefined ? `byte ${options.offset}` : undefined,
    ].filter(Boolean);
    const detail = `${format} import: ${message}${where.length ? ` (${where.join(', ')})` : ''}`;
    super(CODE_FOR_REASON[reason], {
      detail,
      cause: options.cause,
      extensions: {
        format,
        reason,
        ...(options.line !== undefined ? { line: options.line } : {}),
        ...(options.column !== undefined ? { column: options.column } : {}),
        ...(options.offset !== undefined ? { offset: options.offset } : {}),
      },
    });
    this.name = 'ScanImportError';
    this.format = format;
    this.reason = reason;
    this.line = options.line;
    this.column = options.column;
    this.offset = options.offset;
    this.bareMessage = message;
  }
}

export const DTD_NOT_ALLOWED = 'XML entities/DTD are not allowed';
