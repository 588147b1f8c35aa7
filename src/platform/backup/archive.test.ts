/**
 * Backups as one archive (database dump + stored files), through the CLI: a round trip restores
 * rows and files byte for byte; a damaged or truncated archive is refused before anything is
 * written; a gzipped database-only dump of the earlier format still restores. The archive reader
 * is fuzzed with random byte damage: it accepts or refuses with a clear error, never anything else.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFile } from '../../domains/assessments/evidence/storage.ts';
import { openDatabase } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { verifyArchive } from './archive.ts';
import { backupDatabase } from './backup.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/bastei.js', import.meta.url));

let dir: string;
const dataDir = () => join(dir, 'data');
const filesOf = (data: string) => join(data, 'files');
const EVIDENCE = [
  Buffer.from('Nachweis A: Sicherheitsleitlinie, beschlossen vom Gemeinderat\n'),
  Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251)),
];
let shas: string[] = [];

async function bastei(args: string[], data = dataDir()) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        BASTEI_DATA_DIR: data,
        BASTEI_FILES_DIR: filesOf(data),
        DATABASE_URL: '',
        BASTEI_ARGON2_MEMORY_KIB: '1024',
        LOG_LEVEL: 'silent',
      },
      timeout: 180_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

async function withData<T>(data: string, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const database = await openDatabase({ kind: 'pglite', dataDir: data });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const count = (data: string, table: string) =>
  withData(data, async (database) => {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(
      database.db,
    );
    return result.rows[0]!.n;
  });
const tableCount = (data: string) =>
  withData(data, async (database) => {
    const result = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_tables where schemaname = current_schema()`.execute(database.db);
    return result.rows[0]!.n;
  });
const storedFiles = (data: string) =>
  existsSync(filesOf(data))
    ? readdirSync(filesOf(data), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    : [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bastei-archive-'));
  const migrated = await bastei([
    'user',
    'create',
    '--email',
    'sicherung@example.org',
    '--name',
    'Sicherung',
  ]);
  expect(migrated.code, migrated.stderr).toBe(0);
  shas = await Promise.all(EVIDENCE.map((bytes) => storeFile(filesOf(dataDir()), bytes)));
  const backup = await bastei(['backup', join(dir, 'full.tar')]);
  expect(backup.code, backup.stderr).toBe(0);
  expect(backup.stdout).toContain('2 files');
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup archive (CLI)', { timeout: 300_000 }, () => {
  it('restores rows and evidence files byte for byte; the audit chain still verifies', async () => {
    const target = join(dir, 'restored');
    const restore = await bastei(['restore', join(dir, 'full.tar')], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('2 files');
    for (const table of ['users', 'organisations', 'audit_log']) {
      expect(await count(target, table), table).toBe(await count(dataDir(), table));
    }
    shas.forEach((sha, i) => {
      expect(readFileSync(join(filesOf(target), sha.slice(0, 2), sha))).toEqual(EVIDENCE[i]);
    });
    const verify = await bastei(['audit', 'verify'], target);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('refuses a damaged archive and changes nothing', async () => {
    const bytes = readFileSync(join(dir, 'full.tar'));
    const at = bytes.indexOf(EVIDENCE[0]!);
    expect(at).toBeGreaterThan(0);
    const damaged = Buffer.from(bytes);
    damaged.writeUInt8(damaged.readUInt8(at + 10) ^ 0x01, at + 10);
    writeFileSync(join(dir, 'damaged.tar'), damaged);
    const target = join(dir, 'untouched');
    const restore = await bastei(['restore', join(dir, 'damaged.tar')], target);
    expect(restore.code).not.toBe(0);
    expect(restore.stderr).toMatch(/beschädigt/);
    expect(restore.stderr).toContain(`files/${shas[0]!.slice(0, 2)}/${shas[0]}`);
    expect(await tableCount(target)).toBe(0);
    expect(storedFiles(target)).toEqual([]);
  });

  it('refuses a truncated archive (entries missing at the end)', async () => {
    const bytes = readFileSync(join(dir, 'full.tar'));
    const at = bytes.indexOf(EVIDENCE[1]!.subarray(0, 64));
    // Cut just before the last file's header: the tar itself ends cleanly, the manifest does not.
    writeFileSync(join(dir, 'truncated.tar'), bytes.subarray(0, at - 512));
    const target = join(dir, 'untouched-2');
    const restore = await bastei(['restore', join(dir, 'truncated.tar')], target);
    expect(restore.code).not.toBe(0);
    expect(restore.stderr).toMatch(/beschädigt.*es (fehlt ein Eintrag|fehlen \d+ Einträge)/);
    expect(await tableCount(target)).toBe(0);
    expect(storedFiles(target)).toEqual([]);
  });

  it('still restores a database-only dump of the earlier format', async () => {
    const legacy = join(dir, 'legacy.gz');
    await withData(dataDir(), (database) => backupDatabase(database, legacy));
    const target = join(dir, 'legacy-restored');
    const restore = await bastei(['restore', legacy], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await count(target, 'users')).toBe(await count(dataDir(), 'users'));
  });

  it('fuzz: random damage is refused with a clear error or does not matter', async () => {
    const original = readFileSync(join(dir, 'full.tar'));
    const reference = await verifyArchive(join(dir, 'full.tar'));
    const file = join(dir, 'fuzzed.tar');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(original.length - 1), xor: fc.integer({ min: 1, max: 255 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(fc.nat(original.length), { nil: undefined }),
        async (flips, cut) => {
          const bytes = Buffer.from(original.subarray(0, cut ?? original.length));
          for (const { at, xor } of flips) if (at < bytes.length) bytes[at]! ^= xor;
          writeFileSync(file, bytes);
          try {
            // Accepted only when the damage hit nothing that counts (tar padding, the manifest's
            // informational fields): the same database and files.
            const manifest = await verifyArchive(file);
            expect({ database: manifest.database, files: manifest.files }).toEqual({
              database: reference.database,
              files: reference.files,
            });
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe('validation-failed');
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });
});
