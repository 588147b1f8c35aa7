import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { ScanImportError } from './errors.ts';
import type { ScanFormat } from './finding.ts';

/**
 * What every parser accepts: a Node stream (e.g. `fs.createReadStream`), any (async) iterable of
 * chunks, or a whole document as one string/Buffer (handy in tests).
 */
export type ReportInput =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | Readable
  | Uint8Array
  | string;

export interface ParseOptions {
  /**
   * JSON documents (testssl.sh, internet.nl, Nuclei JSON arrays) are parsed whole; larger
   * inputs are rejected. Default 64 MiB.
   */
  maxBytes?: number;
  /**
   * Streaming formats (XML, JSONL) keep one record (a GVM `<result>`, an Nmap `<host>`, a JSONL
   * line) in memory at a time; a record larger than this (counted in characters for XML, bytes
   * for JSONL) is rejected. Default 16 MiB.
   */
  maxRecordBytes?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Normalises the input to byte chunks; I/O errors of the source become ScanImportError('read-failed'). */
export async function* byteChunks(
  input: ReportInput,
  format: ScanFormat | 'unknown',
): AsyncGenerator<Uint8Array> {
  let offset = 0;
  const iterator = toIterator(input, format);
  try {
    while (true) {
      let step: IteratorResult<unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        if (error instanceof ScanImportError) throw error;
        throw new ScanImportError(format, `reading the input failed: ${describe(error)}`, {
          reason: 'read-failed',
          offset,
          cause: error,
        });
      }
      if (step.done) return;
      const chunk = step.value;
      let bytes: Uint8Array;
      if (typeof chunk === 'string') bytes = Buffer.from(chunk, 'utf8');
      else if (chunk instanceof Uint8Array) bytes = chunk;
      else {
        throw new ScanImportError(format, 'input chunks must be strings or bytes', {
          reason: 'read-failed',
          offset,
        });
      }
      offset += bytes.length;
      if (bytes.length > 0) yield bytes;
    }
  } finally {
    // Stop the source (closes file streams) when the consumer stops early or we fail.
    try {
      await iterator.return?.();
    } catch {
      // The source failing while being closed changes nothing for us.
    }
  }
}

function toIterator(
  input: ReportInput,
  format: ScanFormat | 'unknown',
): AsyncIterator<unknown> | Iterator<unknown> {
  if (typeof input === 'string' || input instanceof Uint8Array) return [input][Symbol.iterator]();
  if (input && typeof input === 'object') {
    if (Symbol.asyncIterator in input) return (input as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    if (Symbol.iterator in input) return (input as Iterable<unknown>)[Symbol.iterator]();
  }
  throw new ScanImportError(format, 'the input is neither a stream nor an iterable of chunks', {
    reason: 'read-failed',
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads at least `size` bytes (or everything, if shorter) and returns them together with a stream
 * that yields the whole input again from the start.
 */
export async function peek(
  chunks: AsyncIterable<Uint8Array>,
  size: number,
): Promise<{ head: Uint8Array; stream: AsyncGenerator<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const step = await iterator.next();
    if (step.done) {
      done = true;
      break;
    }
    buffered.push(step.value);
    length += step.value.length;
  }
  const head = Buffer.concat(buffered);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* buffered;
      buffered.length = 0;
      if (done) return;
      while (true) {
        const step = await iterator.next();
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head, stream: replay() };
}

/** Reads the whole input as UTF-8 text, enforcing `maxBytes`. */
export async function readAllText(
  chunks: AsyncIterable<Uint8Array>,
  format: ScanFormat,
  maxBytes: number,
): Promise<string> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > maxBytes) {
      throw new ScanImportError(format, `input is larger than the limit of ${maxBytes} bytes`, {
        reason: 'too-large',
        offset: maxBytes,
      });
    }
    parts.push(chunk);
  }
  return stripBom(new TextDecoder('utf-8').decode(Buffer.concat(parts)));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column of a character index in `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(index, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * JSON.parse with failures mapped to ScanImportError (line/column where V8 tells the position;
 * an error at the very end means the document was truncated).
 */
export function parseJson(text: string, format: ScanFormat, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = describe(error);
    const position = /at position (\d+)/.exec(message);
    const index = position ? Number(position[1]) : locateJsonError(text);
    const truncated =
      /Unexpected end of JSON input|Unterminated string/.test(message) ||
      (index !== undefined && index >= text.trimEnd().length);
    const where = index !== undefined ? lineColumn(text, index) : undefined;
    throw new ScanImportError(
      format,
      truncated ? `JSON ends unexpectedly: ${message}` : `invalid JSON: ${message}`,
      {
        reason: truncated ? 'truncated' : 'malformed',
        ...(where
          ? { line: where.line + lineOffset, column: where.column }
          : lineOffset
            ? { line: lineOffset + 1 }
            : {}),
        ...(index !== undefined && lineOffset === 0
          ? { offset: Buffer.byteLength(text.slice(0, index)) }
          : {}),
        cause: error,
      },
    );
  }
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_LITERAL = /true|false|null/y;
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Index of the first syntax error in `text` (text.length when it ends too early), or undefined if
 * it is valid JSON. Only used to report a position when V8's message does not include one.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function locateJsonError(text: string): number | undefined {
  const n = text.length;
  const stack: ('array' | 'object')[] = [];
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (stack.length > 0 ? 'comma-or-close' : 'end');
  const readString = (): boolean => {
    i += 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i += 1;
        return true;
      }
      if (c === 92) {
        JSON_ESCAPE.lastIndex = i;
        if (!JSON_ESCAPE.test(text)) return false;
        i = JSON_ESCAPE.lastIndex;
        continue;
      }
      if (c < 0x20) return false;
      i += 1;
    }
    return false;
  };
  const sticky = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  while (true) {
    while (i < n && /[ \t\n\r]/.test(text.charAt(i))) i += 1;
    if (i >= n) return expect === 'end' ? undefined : n;
    const c = text.charAt(i);
    switch (expect) {
      case 'value':
      case 'value-or-close':
        if (c === ']' && expect === 'value-or-close') {
          i += 1;
          stack.pop();
          expect = afterValue();
        } else if (c === '{') {
          i += 1;
          stack.push('object');
          expect = 'key-or-close';
        } else if (c === '[') {
          i += 1;
          stack.push('array');
          expect = 'value-or-close';
        } else if (c === '"') {
          if (!readString()) return i;
          expect = afterValue();
        } else if (sticky(JSON_NUMBER) || sticky(JSON_LITERAL)) {
          expect = afterValue();
        } else return i;
        break;
      case 'key':
      case 'key-or-close':
        if (c === '}' && expect === 'key-or-close') {
          i += 1;
          stack.pop();
          expect = afterValue();
        } else if (c === '"') {
          if (!readString()) return i;
          expect = 'colon';
        } else return i;
        break;
      case 'colon':
        if (c !== ':') return i;
        i += 1;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const top = stack.at(-1);
        if (c === ',') {
          i += 1;
          expect = top === 'array' ? 'value' : 'key';
        } else if ((c === ']' && top === 'array') || (c === '}' && top === 'object')) {
          i += 1;
          stack.pop();
          expect = afterValue();
        } else return i;
        break;
      }
      case 'end':
        return i;
    }
  }
}

export interface JsonLine {
  text: string;
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line start. */
  offset: number;
}

/** Splits a byte stream into non-empty lines (LF or CRLF) without holding more than one line. */
export async function* textLines(
  chunks: AsyncIterable<Uint8Array>,
  format: ScanFormat,
  maxLineBytes: number,
): AsyncGenerator<JsonLine> {
  const decoder = new TextDecoder('utf-8');
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let line = 1;
  let lineOffset = 0;
  let offset = 0;
  const emit = (parts: Uint8Array[]): JsonLine | undefined => {
    let text = decoder.decode(Buffer.concat(parts));
    if (line === 1) text = stripBom(text);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const result = text.trim() === '' ? undefined : { text, line, offset: lineOffset };
    return result;
  };
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      const piece = chunk.subarray(start, end);
      pendingLength += piece.length;
      if (pendingLength > maxLineBytes) {
        throw new ScanImportError(format, `line is longer than the limit of ${maxLineBytes} bytes`, {
          reason: 'too-large',
          line,
        });
      }
      pending.push(piece);
      if (newline === -1) break;
      const out = emit(pending);
      if (out) yield out;
      pending = [];
      pendingLength = 0;
      line += 1;
      lineOffset = offset + newline + 1;
      start = newline + 1;
    }
    offset += chunk.length;
  }
  if (pendingLength > 0) {
    const out = emit(pending);
    if (out) yield out;
  }
}

/** Validates `value` against a zod schema; failures become ScanImportError('invalid-record'). */
export function validate<T>(
  schema: z.ZodType<T>,
  value: unknown,
  format: ScanFormat,
  what: string,
  where: { line?: number } = {},
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new ScanImportError(
    format,
    `${what} has an unexpected shape${path}: ${issue?.message ?? 'invalid'}`,
    {
      reason: 'invalid-record',
      ...where,
    },
  );
}
