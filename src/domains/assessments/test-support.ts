/** Factories and helpers for the assessment tests (test-only; not imported by the application). */
import { deflateRawSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp, TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { CatalogLevel } from '../../platform/db/schema.ts';
import { installBaseline } from '../catalogs/service.ts';

export const ASSESSMENT_TABLES = [
  'assessments',
  'assessment_answers',
  'assessment_answer_history',
  'assessment_evidence',
  'assessment_samples',
  'audit_log',
] as const;
export type RowCounts = Record<(typeof ASSESSMENT_TABLES)[number], number>;

export async function rowCounts(db: Executor): Promise<RowCounts> {
  const out = {} as RowCounts;
  for (const table of ASSESSMENT_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

export interface SmallCatalog {
  id: string;
  key: string;
  /** Requirement keys per topic key, in order ('-': outside any group). */
  topics: { T1: string[]; T2: string[]; T3: string[]; '-': string[] };
  requirementIds: Record<string, string>;
}

/**
 * A small catalog written straight into the catalog tables: topics T1 (4 requirements, one of
 * them in a sub-group), T2 (3), T3 (2 with levels standard/elevated) and one requirement outside
 * any group. Keys are `<prefix>-<topic>-<n>`.
 */
export async function createSmallCatalog(db: Executor, prefix = 'SK'): Promise<SmallCatalog> {
  const key = `test-${prefix.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  const catalog = await db
    .insertInto('catalogs')
    .values({ key, version: '1', title: `Testkatalog ${prefix}`, source: 'builtin', metadata: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  let ordinal = 0;
  const group = async (groupKey: string, parentId: string | null, position: number) =>
    (
      await db
        .insertInto('catalog_groups')
        .values({
          catalog_id: catalog.id,
          parent_id: parentId,
          group_key: groupKey,
          title: `Thema ${groupKey}`,
          position,
          ordinal: ordinal++,
          data: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const requirementIds: Record<string, string> = {};
  let requirementOrdinal = 0;
  const requirement = async (
    requirementKey: string,
    groupId: string | null,
    level: CatalogLevel | null = 'basis',
  ) => {
    const row = await db
      .insertInto('catalog_requirements')
      .values({
        catalog_id: catalog.id,
        group_id: groupId,
        parent_id: null,
        requirement_key: requirementKey,
        position: requirementOrdinal,
        ordinal: requirementOrdinal++,
        title: `Frage ${requirementKey}`,
        title_en: `Question ${requirementKey}`,
        statement: `Ist ${requirementKey} erfüllt?`,
        statement_en: null,
        guidance: 'Hinweis',
        guidance_en: null,
        level,
        level_raw: level,
        effort: 'low',
        effort_raw: 'low',
        modal_verb: null,
        references: '{}',
        data: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    requirementIds[requirementKey] = row.id;
  };
  const t1 = await group('T1', null, 0);
  const t1sub = await group('T1.a', t1, 0);
  const t2 = await group('T2', null, 1);
  const t3 = await group('T3', null, 2);
  const k = (topic: string, n: number) => `${prefix}-${topic}-${n}`;
  for (const n of [1, 2, 3]) await requirement(k('T1', n), t1);
  await requirement(k('T1', 4), t1sub);
  for (const n of [1, 2, 3]) await requirement(k('T2', n), t2);
  await requirement(k('T3', 1), t3, 'standard');
  await requirement(k('T3', 2), t3, 'elevated');
  await requirement(`${prefix}-X-1`, null, null);
  await db
    .updateTable('catalogs')
    .set({ group_count: 4, requirement_count: Object.keys(requirementIds).length })
    .where('id', '=', catalog.id)
    .execute();
  return {
    id: catalog.id,
    key,
    topics: {
      T1: [1, 2, 3, 4].map((n) => k('T1', n)),
      T2: [1, 2, 3].map((n) => k('T2', n)),
      T3: [1, 2].map((n) => k('T3', n)),
      '-': [`${prefix}-X-1`],
    },
    requirementIds,
  };
}

/** The built-in baseline Bastei-Basis (installed by the demo seed; installed here if missing). */
export async function baselineCatalogId(t: TestApp): Promise<string> {
  const result = await installBaseline(systemContext(t.database.db, 'test'));
  if (!result.catalogId) throw new Error('Bastei-Basis is not installed');
  return result.catalogId;
}

export async function organisationIdByArs(db: Executor, ars: string): Promise<string> {
  return (await db.selectFrom('organisations').select('id').where('ars', '=', ars).executeTakeFirstOrThrow())
    .id;
}

/** Sends raw bytes like the web UI does: the session cookie, the CSRF header, application/octet-stream. */
export function uploadBytes(
  t: TestApp,
  client: TestClient,
  url: string,
  bytes: Buffer,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie,
      ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}),
      'content-type': 'application/octet-stream',
      ...headers,
    },
    payload: bytes,
  });
}

// --- files -------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntryInput {
  name: string;
  data: Buffer | string;
  /** Stored instead of deflated. */
  store?: boolean;
  /** Pre-compressed data and the size to declare (for zip bombs with lying headers). */
  raw?: { compressed: Buffer; declaredSize: number };
}

/** A minimal zip archive writer (enough for DOCX/XLSX/ODT-shaped test files and zip bombs). */
export function makeZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const method = entry.store ? 0 : 8;
    const compressed = entry.raw?.compressed ?? (entry.store ? data : deflateRawSync(data));
    const size = entry.raw?.declaredSize ?? data.length;
    const crc = entry.raw ? 0 : crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

export const sampleFiles = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: () =>
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]),
  jpeg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]),
  text: () => Buffer.from('Datensicherungskonzept\nStand: 2026-01\nVollsicherung wöchentlich.\n'),
  docx: () =>
    makeZip([
      {
        name: '[Content_Types].xml',
        data: CONTENT_TYPES(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        ),
      },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]),
  docm: () =>
    makeZip([
      {
        name: '[Content_Types].xml',
        data: CONTENT_TYPES('application/vnd.ms-word.document.macroEnabled.main+xml'),
      },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/vbaProject.bin', data: Buffer.alloc(64, 7) },
    ]),
  odt: () =>
    makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]),
  plainZip: () => makeZip([{ name: 'readme.txt', data: 'hello' }]),
  /** `entries` entries of 10 MiB zeros each, honestly declared: ~10 KiB each compressed. */
  zipBomb: (entries = 25) => {
    const zeros = Buffer.alloc(10 * 1024 * 1024);
    const compressed = deflateRawSync(zeros, { level: 9 });
    return makeZip([
      {
        name: '[Content_Types].xml',
        data: CONTENT_TYPES(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        ),
      },
      ...Array.from({ length: entries }, (_, i) => ({
        name: `word/media/blob${i}.bin`,
        data: '',
        raw: { compressed, declaredSize: zeros.length },
      })),
    ]);
  },
  /** One entry that declares 1 KiB but inflates to 64 MiB. */
  lyingZip: () => {
    const compressed = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    return makeZip([
      {
        name: '[Content_Types].xml',
        data: CONTENT_TYPES(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        ),
      },
      { name: 'word/document.xml', data: '', raw: { compressed, declaredSize: 1024 } },
    ]);
  },
  binary: () => Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, 0x00, 0x10]),
  html: () => Buffer.from('<html><script>alert(1)</script></html>'),
  exe: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]),
};
