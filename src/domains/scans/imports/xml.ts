/**
 * Streaming XML reading shared by the Greenbone and Nmap parsers. saxes does the tokenising; we
 * build a tiny tree only for the subtrees a parser asks for (one GVM `<result>`, one Nmap `<host>`)
 * and hand each out as soon as it closes, so memory stays bounded by the largest record.
 *
 * Security: saxes never expands external entities, and we go further: any DOCTYPE with an internal
 * subset (`[...]`, where ENTITY declarations live) or an external id (SYSTEM/PUBLIC) is rejected with
 * `XML entities/DTD are not allowed`. A bare `<!DOCTYPE name>` is accepted because Nmap writes
 * `<!DOCTYPE nmaprun>` into every `-oX` file; it declares nothing.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DTD_NOT_ALLOWED, ScanImportError } from './errors.ts';
import type { ScanFormat } from './finding.ts';

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Direct text content (text and CDATA of this element only, not of its children). */
  text: string;
}

export type XmlEvent =
  | { type: 'root'; node: XNode }
  | { type: 'node'; path: readonly string[]; node: XNode }
  | { type: 'text'; path: readonly string[]; text: string };

export interface XmlStreamOptions {
  format: ScanFormat;
  /** Called for every element outside a captured subtree; `path` ends with the element's own name. */
  capture: (path: readonly string[]) => boolean;
  /** Elements (outside captured subtrees) whose direct text is reported as a `text` event. */
  textOf?: (path: readonly string[]) => boolean;
  maxRecordBytes: number;
}

/** Bytes allowed before the root element opens (XML declaration, comments, PIs, bare DOCTYPE). */
const MAX_PROLOG_BYTES = 1024 * 1024;
const BARE_DOCTYPE = /^\s*[A-Za-z_][\w.:-]*\s*$/;

function pickDecoder(head: Uint8Array, format: ScanFormat): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  const prolog = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    prolog,
  )?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8');
  } catch {
    throw new ScanImportError(format, `unsupported XML encoding "${declared}"`, {
      reason: 'malformed',
      line: 1,
    });
  }
}

export async function* xmlEvents(
  chunks: AsyncIterable<Uint8Array>,
  options: XmlStreamOptions,
): AsyncGenerator<XmlEvent, void, undefined> {
  const { format, capture, textOf, maxRecordBytes } = options;
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const queue: XmlEvent[] = [];
  const path: string[] = [];
  let captured: XNode[] = [];
  let capturedPath: readonly string[] = [];
  let recordSize = 0;
  let sawRoot = false;
  let bytesIn = 0;
  let closing = false;
  let pendingText: string | undefined;

  const fail = (message: string, reason: 'malformed' | 'truncated' | 'forbidden-dtd' | 'too-large') =>
    new ScanImportError(format, message, {
      reason,
      line: parser.line,
      column: parser.column + 1,
      offset: bytesIn,
    });

  const grow = (size: number) => {
    recordSize += size;
    if (recordSize > maxRecordBytes) {
      throw fail(
        `<${capturedPath.at(-1)}> element is larger than the limit of ${maxRecordBytes} bytes`,
        'too-large',
      );
    }
  };

  parser.on('error', (error) => {
    // saxes prefixes "line:column: "; we report the position separately.
    const message = error.message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '');
    throw fail(
      closing ? `XML ends unexpectedly: ${message}` : `invalid XML: ${message}`,
      closing ? 'truncated' : 'malformed',
    );
  });
  parser.on('doctype', (doctype) => {
    if (!BARE_DOCTYPE.test(doctype)) throw fail(DTD_NOT_ALLOWED, 'forbidden-dtd');
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    sawRoot = true;
    path.push(tag.name);
    // textOf is meant for leaf elements; one with children reports nothing.
    pendingText = undefined;
    if (captured.length > 0) {
      const node: XNode = { name: tag.name, attrs: tag.attributes, children: [], text: '' };
      grow(tag.name.length + attributesSize(tag.attributes));
      captured.at(-1)?.children.push(node);
      captured.push(node);
      return;
    }
    if (path.length === 1) {
      queue.push({ type: 'root', node: { name: tag.name, attrs: tag.attributes, children: [], text: '' } });
    }
    if (capture(path)) {
      const node: XNode = { name: tag.name, attrs: tag.attributes, children: [], text: '' };
      captured = [node];
      capturedPath = [...path];
      recordSize = 0;
      grow(tag.name.length + attributesSize(tag.attributes));
    } else if (textOf?.(path)) {
      pendingText = '';
    }
  });
  const onText = (text: string) => {
    const top = captured.at(-1);
    if (top) {
      grow(text.length);
      top.text += text;
    } else if (pendingText !== undefined) {
      if (pendingText.length + text.length > maxRecordBytes) {
        throw fail(`<${path.at(-1)}> text is larger than the limit of ${maxRecordBytes} bytes`, 'too-large');
      }
      pendingText += text;
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (captured.length > 0) {
      const node = captured.pop();
      if (captured.length === 0 && node) queue.push({ type: 'node', path: capturedPath, node });
    } else if (pendingText !== undefined) {
      queue.push({ type: 'text', path: [...path], text: pendingText });
      pendingText = undefined;
    }
    path.pop();
  });

  let decoder: TextDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  const feed = (bytes: Uint8Array, final: boolean) => {
    decoder ??= pickDecoder(bytes, format);
    const text = decoder.decode(bytes, { stream: !final });
    bytesIn += bytes.length;
    if (text) parser.write(text);
    if (!sawRoot && bytesIn > MAX_PROLOG_BYTES) {
      throw fail(`no root element within the first ${MAX_PROLOG_BYTES} bytes`, 'malformed');
    }
  };

  for await (const chunk of chunks) {
    if (!decoder) {
      // Collect a few bytes first so the encoding declaration is complete when we look at it.
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < 256) continue;
      const first = Buffer.concat(head);
      head = [];
      feed(first, false);
    } else {
      feed(chunk, false);
    }
    if (queue.length > 0) {
      yield* queue;
      queue.length = 0;
    }
  }
  feed(head.length > 0 ? Buffer.concat(head) : new Uint8Array(0), true);
  closing = true;
  parser.close();
  yield* queue;
}

function attributesSize(attributes: Record<string, string>): number {
  let size = 0;
  for (const key in attributes) size += key.length + (attributes[key]?.length ?? 0);
  return size;
}

// ---- helpers for working with captured subtrees ------------------------------------------------

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenNamed(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Direct text of the named child, trimmed; undefined when missing or empty. */
export function childText(node: XNode | undefined, name: string): string | undefined {
  const text = child(node, name)?.text.trim();
  return text ? text : undefined;
}
