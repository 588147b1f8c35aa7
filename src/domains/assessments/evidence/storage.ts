/**
 * Content-addressed file storage in the files folder (`config.filesDir`, outside every served
 * path): a file's name is the sha256 of its bytes, under a two-character fan-out folder
 * (`ab/abcdef…`). Equal files are stored once; a stored file never changes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const pathOf = (dir: string, sha256: string) => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
  return join(dir, sha256.slice(0, 2), sha256);
};

/**
 * Stores `bytes` and returns their sha256. Written to a temporary name, flushed to disk, then
 * renamed: a reader never sees half a file, and a crash leaves at most a stray temporary file.
 */
export async function storeFile(dir: string, bytes: Buffer): Promise<string> {
  const sha256 = sha256Hex(bytes);
  const target = pathOf(dir, sha256);
  const existing = await stat(target).catch(() => null);
  if (existing?.size === bytes.length) return sha256;
  await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
  const temporary = join(dir, sha256.slice(0, 2), `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return sha256;
}

/** A stream of a stored file, or null when it is missing. */
export async function openStoredFile(dir: string, sha256: string): Promise<ReadStream | null> {
  const path = pathOf(dir, sha256);
  if (!(await stat(path).catch(() => null))) return null;
  return createReadStream(path);
}
