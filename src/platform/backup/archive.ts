/**
 * `bastei backup` / `bastei restore`: one tar archive with the database dump and the stored files
 * (evidence and anything else in the content-addressed files folder).
 *
 *   manifest.json          format, schema version, and size + sha256 of every other entry
 *   database.jsonl.gz      the logical dump of backup.ts
 *   files/ab/abcdef…       each stored file under its own sha256
 *
 * The manifest comes first so a restore knows what to expect before reading any data. A restore
 * reads the archive twice: the first pass checks every entry against the manifest (size, sha256,
 * nothing missing, nothing extra) and changes nothing; only an intact archive gets the second pass,
 * which writes the files and then loads the database in one transaction. When loading fails, the
 * files this restore added are removed again.
 *
 * Entry names are never used as paths: files are written under the sha256 the manifest lists
 * (checked to be 64 hex digits), so a crafted archive cannot write outside the files folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

const FORMAT = 'bastei-backup-archive';
const FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';
const DATABASE_ENTRY = 'database.jsonl.gz';
// 100 000 files take about 15 MB of manifest; anything far larger is not ours.
const MANIFEST_LIMIT_BYTES = 64 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

const EntrySchema = z.strictObject({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(SHA256),
});
const ManifestSchema = z.strictObject({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  schemaVersion: z.string(),
  database: EntrySchema.extend({ path: z.literal(DATABASE_ENTRY) }),
  files: z.array(EntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;
type Entry = z.infer<typeof EntrySchema>;

const filePath = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256}`;
const storedPath = (filesDir: string, sha256: string) => join(filesDir, sha256.slice(0, 2), sha256);

function damaged(file: string, reason: string, cause?: unknown): AppError {
  return new AppError('validation-failed', {
    detail: `${file} ist beschädigt oder keine Bastei-Sicherung (damaged archive): ${reason}. Es wurde nichts verändert.`,
    cause,
  });
}

/** Counts and hashes what flows through. */
class Digest extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: () => void) {
    this.hash.update(chunk);
    this.size += chunk.length;
    this.push(chunk);
    done();
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

async function digestOf(path: string): Promise<{ sha256: string; size: number }> {
  const digest = new Digest();
  await pipeline(createReadStream(path), digest, async (source: AsyncIterable<Buffer>) => {
    for await (const _ of source) {
      // drained only to hash
    }
  });
  return { sha256: digest.digest(), size: digest.size };
}

/** The content-addressed files (`ab/<sha256>`); temporary and foreign names are skipped. */
async function listStoredFiles(filesDir: string): Promise<{ sha256: string; size: number }[]> {
  const fanout = await readdir(filesDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const found: { sha256: string; size: number }[] = [];
  for (const folder of fanout) {
    if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
    for (const entry of await readdir(join(filesDir, folder.name), { withFileTypes: true })) {
      if (!entry.isFile() || !SHA256.test(entry.name) || !entry.name.startsWith(folder.name)) continue;
      found.push({ sha256: entry.name, size: (await stat(join(filesDir, folder.name, entry.name))).size });
    }
  }
  return found.sort((a, b) => a.sha256.localeCompare(b.sha256));
}

/** Writes one entry whose size is known, from a file, and returns the sha256 of what was written. */
async function packFile(pack: tar.Pack, name: string, path: string, size: number): Promise<string> {
  const digest = new Digest();
  let settle!: (error?: Error | null) => void;
  const finished = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const entry = pack.entry({ name, size, mode: 0o600 }, (error) => settle(error));
  await pipeline(createReadStream(path), digest, entry);
  await finished;
  if (digest.size !== size) throw new Error(`${path} changed its size while it was written`);
  return digest.digest();
}

export interface BackupResult {
  file: string;
  tables: Record<string, number>;
  files: number;
  fileBytes: number;
  /** Evidence rows whose file is not in the files folder (the backup is written regardless). */
  missingFiles: string[];
}

/**
 * Writes the archive to `file` (first as `file.partial`, renamed when complete, so a failed run
 * never leaves something that looks like a backup).
 */
export async function backupArchive(
  database: Database,
  filesDir: string,
  file: string,
): Promise<BackupResult> {
  const work = await mkdtemp(join(tmpdir(), 'bastei-backup-'));
  const partial = `${file}.partial`;
  try {
    const dumpPath = join(work, DATABASE_ENTRY);
    const dump = await backupDatabase(database, dumpPath);
    // Listed after the dump: a file is stored before the row naming it commits, and stored files
    // are never removed, so every file the dump refers to is on this list.
    const stored = await listStoredFiles(filesDir);
    const referenced = await database.db
      .selectFrom('assessment_evidence')
      .select('sha256')
      .distinct()
      .execute();
    const present = new Set(stored.map((f) => f.sha256));
    const missingFiles = referenced.map((r) => r.sha256).filter((sha) => !present.has(sha));

    const schemaVersion = await database.db
      .selectFrom('schema_migrations')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      schemaVersion: schemaVersion?.version ?? '',
      database: { path: DATABASE_ENTRY, ...(await digestOf(dumpPath)) },
      files: stored.map((f) => ({ path: filePath(f.sha256), size: f.size, sha256: f.sha256 })),
    };

    const pack = tar.pack();
    const written = pipeline(pack, createWriteStream(partial, { mode: 0o600 }));
    // Awaited at the end; until then a write error surfaces through the entry being written.
    written.catch(() => undefined);
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: MANIFEST, size: manifestBytes.length, mode: 0o600 }, manifestBytes, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    await packFile(pack, DATABASE_ENTRY, dumpPath, manifest.database.size);
    for (const entry of manifest.files) {
      const sha256 = await packFile(pack, entry.path, storedPath(filesDir, entry.sha256), entry.size);
      if (sha256 !== entry.sha256) {
        throw new AppError('internal', {
          detail: `Die gespeicherte Datei ${entry.sha256} ist beschädigt (ihr Inhalt hat die Prüfsumme ${sha256}); die Sicherung wurde abgebrochen.`,
        });
      }
    }
    pack.finalize();
    await written;
    await rename(partial, file);
    return {
      file,
      tables: dump.tables,
      files: manifest.files.length,
      fileBytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
      missingFiles,
    };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Reads the archive entry by entry. `onEntry` gets each entry after the manifest with what the
 * manifest says about it and must consume the stream; errors of the tar layer become `damaged`.
 */
async function readArchive(
  file: string,
  onEntry: (expected: Entry, stream: Readable) => Promise<void>,
): Promise<Manifest> {
  let manifest: Manifest | undefined;
  const expected = new Map<string, Entry>();
  const seen = new Set<string>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const handle = async () => {
      if (!manifest) {
        if (header.name !== MANIFEST || header.size > MANIFEST_LIMIT_BYTES) {
          throw damaged(file, `erster Eintrag ist nicht ${MANIFEST}`);
        }
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          throw damaged(file, `${MANIFEST} ist kein JSON`, error);
        }
        const result = ManifestSchema.safeParse(parsed);
        if (!result.success) throw damaged(file, `${MANIFEST} hat nicht das erwartete Format`);
        manifest = result.data;
        for (const entry of [manifest.database, ...manifest.files]) {
          if (entry !== manifest.database && entry.path !== filePath(entry.sha256)) {
            throw damaged(file, `${MANIFEST} nennt einen unerwarteten Pfad ${entry.path}`);
          }
          if (expected.has(entry.path)) throw damaged(file, `${entry.path} steht doppelt im Manifest`);
          expected.set(entry.path, entry);
        }
        return;
      }
      const entry = expected.get(header.name);
      if (!entry) throw damaged(file, `unerwarteter Eintrag ${header.name}`);
      if (seen.has(header.name)) throw damaged(file, `${header.name} kommt doppelt vor`);
      seen.add(header.name);
      if (header.size !== entry.size) throw damaged(file, `${header.name} hat die falsche Größe`);
      await onEntry(entry, stream);
    };
    handle().then(
      () => next(),
      (error: unknown) => {
        stream.resume();
        next(error);
      },
    );
  });
  try {
    await pipeline(createReadStream(file), extract);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(file, error instanceof Error ? error.message : String(error), error);
  }
  if (!manifest) throw damaged(file, 'kein Manifest');
  const missing = [...expected.keys()].filter((path) => !seen.has(path));
  if (missing.length > 0) {
    const what = missing.length === 1 ? 'es fehlt ein Eintrag' : `es fehlen ${missing.length} Einträge`;
    throw damaged(file, `${what}, z. B. ${missing[0]}`);
  }
  return manifest;
}

/** Streams `source` to `target` through a temporary name; refuses content that is not `expected`. */
async function writeVerified(source: Readable, target: string, expected: Entry, file: string) {
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const digest = new Digest();
  try {
    await pipeline(source, digest, createWriteStream(temporary, { mode: 0o600, flags: 'wx' }));
    if (digest.size !== expected.size || digest.digest() !== expected.sha256) {
      throw damaged(file, `${expected.path} passt nicht zu seiner Prüfsumme`);
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function drainVerified(stream: Readable, expected: Entry, file: string) {
  const digest = new Digest();
  await pipeline(stream, digest, async (source: AsyncIterable<Buffer>) => {
    for await (const _ of source) {
      // hashed only
    }
  });
  if (digest.size !== expected.size || digest.digest() !== expected.sha256) {
    throw damaged(file, `${expected.path} passt nicht zu seiner Prüfsumme`);
  }
}

/** The first pass of a restore: every entry checked against the manifest; changes nothing. */
export function verifyArchive(file: string): Promise<Manifest> {
  return readArchive(file, (entry, stream) => drainVerified(stream, entry, file));
}

export interface RestoreResult {
  tables: Record<string, number>;
  files: number;
  /** Files already present in the files folder with the right content. */
  filesPresent: number;
}

/**
 * Restores an archive into an empty database and the files folder. Older backups (the gzipped
 * database dump alone, format 1 of backup.ts) are still accepted.
 */
export async function restoreArchive(
  database: Database,
  filesDir: string,
  file: string,
): Promise<RestoreResult> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file, { start: 0, end: 1 })
      .on('data', (chunk) => chunks.push(chunk as Buffer))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
  if (head.equals(GZIP_MAGIC)) {
    const { tables } = await restoreDatabase(database, file);
    return { tables, files: 0, filesPresent: 0 };
  }

  await verifyArchive(file);

  // Second pass: files into the files folder, the dump into a temporary folder.
  const work = await mkdtemp(join(tmpdir(), 'bastei-restore-'));
  const added: string[] = [];
  let filesPresent = 0;
  try {
    const dumpPath = join(work, DATABASE_ENTRY);
    const manifest = await readArchive(file, async (entry, stream) => {
      if (entry.path === DATABASE_ENTRY) return writeVerified(stream, dumpPath, entry, file);
      const target = storedPath(filesDir, entry.sha256);
      const existing = await stat(target).catch(() => null);
      if (existing && existing.size === entry.size && (await digestOf(target)).sha256 === entry.sha256) {
        filesPresent++;
        return drainVerified(stream, entry, file);
      }
      await mkdir(join(filesDir, entry.sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
      await writeVerified(stream, target, entry, file);
      if (!existing) added.push(target);
    });
    const { tables } = await restoreDatabase(database, dumpPath);
    return { tables, files: manifest.files.length, filesPresent };
  } catch (error) {
    await Promise.all(added.map((path) => rm(path, { force: true })));
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
