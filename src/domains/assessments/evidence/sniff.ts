/**
 * What an uploaded evidence file really is, decided from its bytes (never from the name or the
 * client's Content-Type), and whether its name's extension says the same.
 *
 * Allowed: PDF, PNG, JPEG, DOCX, XLSX, ODT (zip containers: the inner [Content_Types].xml or
 * `mimetype` entry decides; macro-enabled documents are refused) and plain UTF-8 text.
 * Zip containers are bounded before anything else: entry count, no encryption, no zip64, and the
 * total uncompressed size is measured by actually inflating every entry with a byte budget (a zip
 * bomb's headers can lie about their sizes).
 */
import { createInflateRaw } from 'node:zlib';

export type EvidenceKind = 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx' | 'odt' | 'text';

export const MEDIA_TYPES: Record<EvidenceKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  text: 'text/plain; charset=utf-8',
};

/** File name extensions accepted for each kind. */
export const EXTENSIONS: Record<EvidenceKind, readonly string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  odt: ['odt'],
  text: ['txt', 'csv', 'log', 'md'],
};

export interface ZipLimits {
  /** Sum of the entries' real uncompressed sizes. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUncompressedBytes: 200 * 1024 * 1024, maxEntries: 5_000 };

export type SniffFailure =
  | { ok: false; reason: 'disallowed-type'; message: string }
  | { ok: false; reason: 'zip-bomb'; message: string }
  | { ok: false; reason: 'malformed'; message: string };
export type SniffResult = { ok: true; kind: EvidenceKind; mediaType: string } | SniffFailure;

const startsWith = (bytes: Buffer, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const ok = (kind: EvidenceKind): SniffResult => ({ ok: true, kind, mediaType: MEDIA_TYPES[kind] });
const disallowed = (message: string): SniffFailure => ({ ok: false, reason: 'disallowed-type', message });

/** Sniffs the type of `bytes`; zip containers are inspected within `limits`. */
export async function sniffEvidence(
  bytes: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<SniffResult> {
  if (bytes.length === 0) return { ok: false, reason: 'malformed', message: 'Die Datei ist leer.' };
  if (startsWith(bytes, PDF)) return ok('pdf');
  if (startsWith(bytes, PNG)) return ok('png');
  if (startsWith(bytes, JPEG)) return ok('jpeg');
  if (startsWith(bytes, ZIP)) return sniffZip(bytes, limits);
  if (isPlainText(bytes)) return ok('text');
  return disallowed('Erlaubt sind PDF, PNG, JPEG, DOCX, XLSX, ODT und Text (UTF-8).');
}

/** UTF-8 without NUL and other control characters than tab, line feed, carriage return, form feed. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The extension (lower case, without dot) of a file name, or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function extensionMatches(kind: EvidenceKind, name: string): boolean {
  return EXTENSIONS[kind].includes(extensionOf(name));
}

// --- zip containers --------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

class ZipError extends Error {
  constructor(
    readonly reason: 'zip-bomb' | 'malformed' | 'disallowed-type',
    message: string,
  ) {
    super(message);
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function readCentralDirectory(bytes: Buffer, limits: ZipLimits): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('malformed', 'Das ZIP-Archiv hat kein Inhaltsverzeichnis.');
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipError('zip-bomb', 'ZIP64-Archive werden nicht angenommen.');
  }
  if (count > limits.maxEntries) {
    throw new ZipError('zip-bomb', `Das Archiv enthält mehr als ${limits.maxEntries} Einträge.`);
  }
  if (offset + size > eocd) throw new ZipError('malformed', 'Das ZIP-Inhaltsverzeichnis ist beschädigt.');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== CENTRAL_SIGNATURE) {
      throw new ZipError('malformed', 'Das ZIP-Inhaltsverzeichnis ist beschädigt.');
    }
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      uncompressedSize: bytes.readUInt32LE(p + 24),
      localHeaderOffset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (
      entry.compressedSize === 0xffffffff ||
      entry.uncompressedSize === 0xffffffff ||
      entry.localHeaderOffset === 0xffffffff
    ) {
      throw new ZipError('zip-bomb', 'ZIP64-Einträge werden nicht angenommen.');
    }
    if (entry.flags & 0x1)
      throw new ZipError('disallowed-type', 'Verschlüsselte Archive werden nicht angenommen.');
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError('disallowed-type', `Kompressionsverfahren ${entry.method} wird nicht unterstützt.`);
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function compressedData(bytes: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL_SIGNATURE) {
    throw new ZipError('malformed', `ZIP-Eintrag ${entry.name} ist beschädigt.`);
  }
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('malformed', `ZIP-Eintrag ${entry.name} ist abgeschnitten.`);
  return bytes.subarray(start, end);
}

/**
 * Inflates one entry and returns its real size, without holding more than `keep` bytes of the
 * output; fails as soon as the output passes `budget`.
 */
function inflateBounded(data: Buffer, budget: number, keep: number): Promise<{ size: number; head: Buffer }> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    const kept: Buffer[] = [];
    let keptLength = 0;
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        fail(new ZipError('zip-bomb', 'Das Archiv entpackt sich zu groß (ZIP-Bombe?).'));
        return;
      }
      if (keptLength < keep) {
        kept.push(chunk.subarray(0, keep - keptLength));
        keptLength += Math.min(chunk.length, keep - keptLength);
      }
    });
    inflate.on('error', () => fail(new ZipError('malformed', 'Ein ZIP-Eintrag lässt sich nicht entpacken.')));
    inflate.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ size, head: Buffer.concat(kept) });
    });
    inflate.end(data);
  });
}

const CONTENT_TYPES_KEEP = 256 * 1024;
const OOXML_MAIN: Record<'docx' | 'xlsx', string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
};

async function sniffZip(bytes: Buffer, limits: ZipLimits): Promise<SniffResult> {
  try {
    const entries = readCentralDirectory(bytes, limits);
    let total = 0;
    const heads = new Map<string, Buffer>();
    for (const entry of entries) {
      const data = compressedData(bytes, entry);
      const wanted = entry.name === '[Content_Types].xml' || entry.name === 'mimetype';
      let size: number;
      if (entry.method === 0) {
        size = data.length;
        if (wanted) heads.set(entry.name, data.subarray(0, CONTENT_TYPES_KEEP));
      } else {
        const inflated = await inflateBounded(
          data,
          limits.maxUncompressedBytes - total,
          wanted ? CONTENT_TYPES_KEEP : 0,
        );
        size = inflated.size;
        if (wanted) heads.set(entry.name, inflated.head);
      }
      if (size !== entry.uncompressedSize) {
        throw new ZipError(
          'zip-bomb',
          `ZIP-Eintrag ${entry.name}: angegebene und tatsächliche Größe weichen ab.`,
        );
      }
      total += size;
      if (total > limits.maxUncompressedBytes) {
        throw new ZipError('zip-bomb', 'Das Archiv entpackt sich zu groß (ZIP-Bombe?).');
      }
    }
    if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) {
      return disallowed('Dokumente mit Makros werden nicht angenommen.');
    }
    const first = entries[0];
    const mimetype = heads.get('mimetype')?.toString('utf8').trim();
    if (first?.name === 'mimetype' && first.method === 0 && mimetype === MEDIA_TYPES.odt) return ok('odt');
    const contentTypes = heads.get('[Content_Types].xml')?.toString('utf8');
    if (contentTypes) {
      for (const kind of ['docx', 'xlsx'] as const) {
        if (contentTypes.includes(`ContentType="${OOXML_MAIN[kind]}"`)) return ok(kind);
      }
    }
    return disallowed('Von ZIP-Archiven werden nur DOCX-, XLSX- und ODT-Dokumente angenommen.');
  } catch (error) {
    if (error instanceof ZipError) return { ok: false, reason: error.reason, message: error.message };
    if (error instanceof RangeError)
      return { ok: false, reason: 'malformed', message: 'Das ZIP-Archiv ist beschädigt.' };
    throw error;
  }
}
